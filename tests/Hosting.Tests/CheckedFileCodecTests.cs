using System.Collections.Generic;
using System.IO;
using System.Linq;
using DaemonLint.Cli.Tests;
using DaemonLint.Model;
using DaemonLint.Tests;

namespace DaemonLint.Hosting.Tests;

/// <summary>
/// A checked file written by <see cref="CheckedFileCodec"/> and read back is the same result: every finding equal (rule,
/// severity, message, hint, field paths segment by segment, span, object, file, help link), the objects, counts and notices.
/// </summary>
public sealed class CheckedFileCodecTests
{
    [Fact]
    public void EveryRuleFixture_AndTheRealWorldCorpus_RoundTrip()
    {
        var files = new List<SourceFile>();
        foreach (var folder in new[] { RepoPaths.Fixtures, RepoPaths.RealWorldCorpus })
        {
            files.AddRange(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml") || f.EndsWith(".yml") || f.EndsWith(".json"))
                .OrderBy(f => f, System.StringComparer.Ordinal)
                .Select(f => new SourceFile(Path.GetRelativePath(RepoPaths.Root, f), f)));
        }

        var workspace = new Workspace(new WorkspaceSettings { BaseDirectory = RepoPaths.Root });
        var results = workspace.CheckAll(files, CheckSources.None, null, 1);

        var stream = new MemoryStream();
        var writer = new BinaryWriter(stream);
        foreach (var r in results)
        {
            CheckedFileCodec.Write(writer, r);
        }

        writer.Flush();
        stream.Position = 0;
        var reader = new BinaryReader(stream);
        foreach (var expected in results)
        {
            AssertSame(expected, CheckedFileCodec.Read(reader));
        }

        Assert.Equal(stream.Length, stream.Position);

        // What the comparison covered: findings of many rules, with paths, map keys, spans, hints and objects.
        var findings = results.SelectMany(r => r.Findings).ToList();
        Assert.True(findings.Count > 500, $"{findings.Count} findings");
        Assert.True(findings.Select(f => f.RuleId).Distinct().Count() > 100);
        Assert.True(findings.Any(f => f.Path is { } p && p.Segments().Any(s => s.SegmentKind == PathSegmentKind.Key)), "a map key");
        Assert.True(findings.Any(f => f.Path is { } p && p.Segments().Any(s => s.SegmentKind == PathSegmentKind.Index)), "an index");
        Assert.True(findings.Any(f => f.LocationPath is not null), "a location path");
        Assert.True(findings.Any(f => f.Hint is not null), "a hint");
        Assert.True(findings.Any(f => f.WhenApiVersion is not null), "an assumed apiVersion");
    }

    [Fact]
    public void LoneSurrogates_ControlCharacters_LargeIndexes_AndNotices_ComeBackExactly()
    {
        // No manifest gets a lone surrogate past the YAML reader; messages and names built from other sources can.
        var obj = new ObjectRef("a\uD800.yaml", 3, "apps/v1", "DaemonSet", null, "x\u001b[31m");
        var path = FieldPath.Root("spec").Child("template", "spec", "containers").Index(20).Child("env").Index(3).Child("name");
        var result = new CheckedFile(new SourceFile("a\uD800.yaml", "/tmp/a\uD800.yaml")) { Objects = 7, Unreadable = false };
        result.CheckedObjects.Add(obj);
        result.CheckedObjects.Add(obj with { Document = 4, Name = null });
        result.Findings.Add(new Finding
        {
            RuleId = "DS1001",
            Severity = Severity.Warning,
            Message = "Invalid value: \"\uD800\u0007\": x",
            Hint = "\uDC00",
            WhenApiVersion = "apps/v1",
            Kind = FindingKind.Duplicate,
            Path = FieldPath.Root("metadata").Child("labels").Key("k\uDC00\u0007]["),
            LocationPath = path,
            BadValue = string.Empty,
            Object = obj,
            Span = new SourceSpan(new SourcePosition(3, 9, 40), new SourcePosition(1_000_000, 2, int.MaxValue)),
            File = "a\uD800.yaml",
            HelpUri = null,
        });
        result.Findings.Add(new Finding { RuleId = "DS9001", Severity = Severity.Error, Message = string.Empty, Kind = FindingKind.Invalid });
        result.Notices.Add("a notice with \uD800 and \u001b[0m");

        var stream = new MemoryStream();
        CheckedFileCodec.Write(new BinaryWriter(stream), result);
        stream.Position = 0;
        var back = CheckedFileCodec.Read(new BinaryReader(stream));

        AssertSame(result, back);
        Assert.Equal("Invalid value: \"\uD800\u0007\": x", back.Findings[0].Message);
        Assert.Equal("spec.template.spec.containers[20].env[3].name", back.Findings[0].LocationPath!.ToString());
        Assert.Same(back.Findings[0].Object, back.CheckedObjects[0]);
        Assert.Equal("a notice with \uD800 and \u001b[0m", back.Notices[^1]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(40)]
    public void TruncatedOrDamagedBytes_AreAnErrorOfTheStream_NeverAnotherResult(int cut)
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.RestartPolicy);
        var workspace = new Workspace(new WorkspaceSettings { BaseDirectory = dir.Path });
        var result = workspace.Check(new SourceFile("ds.yaml", Path.Combine(dir.Path, "ds.yaml")), CheckSources.None);
        var stream = new MemoryStream();
        CheckedFileCodec.Write(new BinaryWriter(stream), result);
        var bytes = stream.ToArray();

        // Cut short: the stream ends inside the result (or inside a string it says is longer).
        AssertRefused(bytes[..(bytes.Length - 1 - cut)]);

        // A count turned negative: not a result.
        var damaged = (byte[])bytes.Clone();
        damaged[bytes.Length - 1] = 0xff;
        damaged[bytes.Length - 2] = 0xff;
        damaged[bytes.Length - 3] = 0xff;
        damaged[bytes.Length - 4] = 0xff;
        AssertRefused(damaged);
    }

    [Fact]
    public void FromAPipeThatGivesAFewBytesAtATime_StringsComeBackWhole_AndOneCutShortIsTheStreamsEnd()
    {
        // A worker's pipe gives what has arrived: a long name or message can come in pieces, and a worker that dies mid-string
        // ends the stream there (no length to check it against, unlike a file).
        var name = string.Concat(Enumerable.Repeat("apps/\uD800team-\u00e9/", 300)) + "ds.yaml";
        var result = new CheckedFile(new SourceFile(name, "/x/" + name)) { Objects = 1 };
        result.Notices.Add(new string('n', 5000) + "\uDC00");
        var stream = new MemoryStream();
        CheckedFileCodec.Write(new BinaryWriter(stream), result);
        CheckedFileCodec.Write(new BinaryWriter(stream), result);
        var bytes = stream.ToArray();

        var reader = new BinaryReader(new Trickle(bytes, 7));
        AssertSame(result, CheckedFileCodec.Read(reader));
        AssertSame(result, CheckedFileCodec.Read(reader));

        var cut = bytes.Length / 2 / 2; // inside the first result's name
        Assert.Throws<EndOfStreamException>(() => CheckedFileCodec.Read(new BinaryReader(new Trickle(bytes[..cut], 7))));
    }

    private static void AssertRefused(byte[] bytes)
    {
        var ex = Record.Exception(() => CheckedFileCodec.Read(new BinaryReader(new MemoryStream(bytes))));
        Assert.True(ex is EndOfStreamException or InvalidDataException, ex?.ToString() ?? "read back as a result");
    }

    private static void AssertSame(CheckedFile expected, CheckedFile actual)
    {
        Assert.Equal(expected.File, actual.File);
        Assert.Equal(expected.Objects, actual.Objects);
        Assert.Equal(expected.Unreadable, actual.Unreadable);
        Assert.Equal(expected.Skipped, actual.Skipped);
        Assert.Equal(expected.CheckedObjects, actual.CheckedObjects);
        Assert.Equal(expected.Notices, actual.Notices);
        Assert.Equal(expected.Findings.Count, actual.Findings.Count);
        for (var i = 0; i < expected.Findings.Count; i++)
        {
            // Record equality compares every property (paths segment by segment); the printed forms are compared too.
            Assert.Equal(expected.Findings[i], actual.Findings[i]);
            Assert.Equal(expected.Findings[i].Path?.ToString(), actual.Findings[i].Path?.ToString());
            Assert.Equal(expected.Findings[i].Path?.ToJsonPointer(), actual.Findings[i].Path?.ToJsonPointer());
        }
    }

    // A stream that cannot seek and gives at most a few bytes per read, as a pipe may.
    private sealed class Trickle(byte[] bytes, int most) : Stream
    {
        private int at;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new System.NotSupportedException();

        public override long Position { get => throw new System.NotSupportedException(); set => throw new System.NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = System.Math.Min(System.Math.Min(count, most), bytes.Length - this.at);
            System.Array.Copy(bytes, this.at, buffer, offset, n);
            this.at += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new System.NotSupportedException();

        public override void SetLength(long value) => throw new System.NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new System.NotSupportedException();
    }
}
