using DaemonLint.Syntax;

namespace DaemonLint.Tests.Syntax;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "1")]
    [InlineData("100m", "100m")]
    [InlineData("0.5", "500m")]
    [InlineData(".5", "500m")]
    [InlineData("1.5", "1500m")]
    [InlineData("1.", "1.")] // canonical text kept as written
    [InlineData("+1", "+1")] // canonical text is kept as written (upstream caches it)
    [InlineData("-1", "-1")]
    [InlineData("1k", "1k")]
    [InlineData("1000", "1k")]
    [InlineData("1500", "1500")]
    [InlineData("1e3", "1e3")]
    [InlineData("1E3", "1E3")]
    [InlineData("1.5e3", "1500")]
    [InlineData("1e-3", "1e-3")]
    [InlineData("12e6", "12e6")]
    [InlineData("1M", "1M")]
    [InlineData("1G", "1G")]
    [InlineData("1T", "1T")]
    [InlineData("1P", "1P")]
    [InlineData("1E", "1E")]
    [InlineData("1Ki", "1Ki")]
    [InlineData("1024", "1024")]
    [InlineData("1024Ki", "1Mi")]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("0.5Ki", "512")]
    [InlineData("0.1Ki", "102400m")]
    [InlineData("1Mi", "1Mi")]
    [InlineData("1Gi", "1Gi")]
    [InlineData("1Ti", "1Ti")]
    [InlineData("1Pi", "1Pi")]
    [InlineData("1Ei", "1Ei")]
    [InlineData("8Ei", "9223372036854775807")] // capped at 2^63-1
    [InlineData("1n", "1n")]
    [InlineData("1u", "1u")]
    [InlineData("0.1n", "1n")] // rounded up to nano
    [InlineData("-0.1n", "-1n")]
    [InlineData("0100", "0100")]
    [InlineData("1000E", "1")] // upstream finds no suffix for 10^21 and prints none
    [InlineData("123456789012345678901234", "123456789012345678901234")]
    public void Parses_AndPrintsLikeUpstream(string text, string printed)
    {
        Assert.True(Quantity.TryParse(text, out var q, out var error), error);
        Assert.Equal(printed, q.ToString());
    }

    [Theory]
    [InlineData("", Quantity.ErrFormatWrong)]
    [InlineData("abc", Quantity.ErrFormatWrong)]
    [InlineData("1x", Quantity.ErrFormatWrong)]
    [InlineData("1 Gi", Quantity.ErrFormatWrong)]
    [InlineData("1.2.3", Quantity.ErrFormatWrong)]
    [InlineData("1Gb", Quantity.ErrFormatWrong)]
    [InlineData("1GB", Quantity.ErrFormatWrong)]
    [InlineData("1gi", Quantity.ErrFormatWrong)] // g is not a suffix letter
    [InlineData("1mi", Quantity.ErrSuffix)]
    [InlineData("1K", Quantity.ErrSuffix)]
    [InlineData("1e", Quantity.ErrSuffix)]
    [InlineData("1KiB", Quantity.ErrFormatWrong)]
    [InlineData("1ki", Quantity.ErrSuffix)]
    public void Rejects_WithUpstreamError(string text, string error)
    {
        Assert.False(Quantity.TryParse(text, out _, out var actual));
        Assert.Equal(error, actual);
    }

    [Theory]
    [InlineData("1", "1000m", 0)]
    [InlineData("1Gi", "1073741824", 0)]
    [InlineData("1G", "1Gi", -1)]
    [InlineData("0.5", "500m", 0)]
    [InlineData("1e3", "1k", 0)]
    [InlineData("1.1", "1100m", 0)]
    [InlineData("2", "1999m", 1)]
    [InlineData("-1", "0", -1)]
    [InlineData("1n", "0", 1)]
    [InlineData("100000000000000000000000", "99999999999999999999999", 1)]
    [InlineData("1e1000000", "1e999999", 1)]
    [InlineData("128Mi", "0.125Gi", 0)]
    public void Compares_Exactly(string a, string b, int expected)
    {
        Assert.True(Quantity.TryParse(a, out var qa, out _));
        Assert.True(Quantity.TryParse(b, out var qb, out _));
        Assert.Equal(expected, System.Math.Sign(qa.CompareTo(qb)));
        Assert.Equal(-expected, System.Math.Sign(qb.CompareTo(qa)));
    }

    [Theory]
    [InlineData(0.5, "0.5")]
    [InlineData(1.1, "1.1")]
    [InlineData(1000.0, "1000")]
    [InlineData(1e-6, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1e21, "1e+21")]
    [InlineData(123456.789, "123456.789")]
    public void FormatsYamlFloats_LikeGoJson(double value, string expected) => Assert.Equal(expected, Quantity.GoJsonFloat(value));

    [Fact]
    public void RoundsUpToMilli_AsDefaultingDoes()
    {
        Assert.True(Quantity.TryParse("0.0001", out var q, out _));
        Assert.Equal("1m", q.RoundUp(-3).ToString());
        Assert.True(Quantity.TryParse("1500m", out var m, out _));
        Assert.False(m.RoundUp(-3).IsInteger);
        Assert.True(Quantity.TryParse("1100u", out var micro, out _));
        Assert.Equal("1100u", micro.ToString());
        Assert.Equal("2m", micro.RoundUp(-3).ToString());
    }
}
