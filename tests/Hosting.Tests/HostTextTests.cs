using System;
using System.IO;

namespace DaemonLint.Hosting.Tests;

/// <summary>What the host prints from outside (file names, names from manifests, exception messages) never reaches a terminal raw.</summary>
public sealed class HostTextTests
{
    [Theory]
    [InlineData("plain.yaml", "\"plain.yaml\"")]
    [InlineData("a\nb", "\"a\\nb\"")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("esc\u001b[31m", "\"esc\\x1b[31m\"")]
    [InlineData("del\u007f", "\"del\\x7f\"")]
    [InlineData("c1\u0085", "\"c1\\u0085\"")]
    [InlineData("nbsp\u00a0", "\"nbsp\\u00a0\"")]
    [InlineData("bidi\u202egnp.yaml", "\"bidi\\u202egnp.yaml\"")]
    [InlineData("zw\u200b", "\"zw\\u200b\"")]
    [InlineData("tag\U000e0001", "\"tag\\U000e0001\"")]
    [InlineData("quote\"back\\slash", "\"quote\\\"back\\\\slash\"")]
    [InlineData("café 😀 日本", "\"café 😀 日本\"")]
    public void Quote_IsGoPercentQ(string text, string quoted) => Assert.Equal(quoted, HostText.Quote(text));

    [Fact]
    public void LoneSurrogate_IsTheReplacementCharacter() => Assert.Equal("\"lone\ufffd\"", HostText.Quote("lone" + (char)0xD800));

    [Theory]
    [InlineData("deploy/ds.yaml")]
    [InlineData("my agent's ds.yaml")]
    [InlineData("copy (1).yaml")]
    [InlineData("back\\slash.yaml")]
    [InlineData("--output=ds.yaml")]
    [InlineData("café/日本.yaml")]
    public void PlainNames_PrintAsTheyAre(string name) => Assert.Equal(name, HostText.Name(name));

    [Theory]
    [InlineData("a\nb.yaml")]
    [InlineData("a\rb.yaml")]
    [InlineData("x.yaml(1,1): error DS1001: forged.yaml")]
    [InlineData("x.yaml(3): warning DS1: y")]
    [InlineData("x.yaml: error DS9002: forged")]
    [InlineData("\"quoted\".yaml")]
    [InlineData("bidi\u202e.yaml")]
    [InlineData("")]
    public void NamesThatCouldForgeOrHide_AreQuoted(string name)
    {
        var printed = HostText.Name(name);

        Assert.StartsWith("\"", printed);
        Assert.EndsWith("\"", printed);
        Assert.DoesNotContain('\n', printed);
        Assert.DoesNotContain('\r', printed);
        Assert.DoesNotContain('\u202e', printed);
    }

    [Fact]
    public void Escape_KeepsPrintableText_AndEscapesTheRest()
    {
        Assert.Equal("a plain sentence: 'x' (y)", HostText.Escape("a plain sentence: 'x' (y)"));
        Assert.Equal("line\\nnext \\x1b[2J", HostText.Escape("line\nnext \u001b[2J"));
    }

    [Fact]
    public void Exceptions_AreDescribedInPlainWords()
    {
        Assert.Equal("no such file or directory", HostText.Describe(new FileNotFoundException("IO_FileNotFound_FileName, /x")));
        Assert.Equal("no such file or directory", HostText.Describe(new DirectoryNotFoundException("IO_PathNotFound_Path, /x")));
        Assert.Equal("permission denied", HostText.Describe(new UnauthorizedAccessException("UnauthorizedAccess_IODenied_Path, /x")));
        Assert.Equal("Bad file descriptor", HostText.Describe(new UnauthorizedAccessException("UnauthorizedAccess_IODenied_NoPathName", new IOException("Bad file descriptor"))));
        Assert.Equal("IOException", HostText.Describe(new IOException("IO_SharingViolation_File")));
        Assert.Equal("two\\nlines", HostText.Describe(new InvalidOperationException("two\nlines")));
    }
}
