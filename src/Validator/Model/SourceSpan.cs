namespace DaemonLint.Model;

/// <summary>
/// A position in a source text: 1-based line and column, 0-based character offset. The offset is an int: a .NET
/// string holds fewer than 2^31 characters, and 12 bytes per position (not 16) keeps every node of a tree smaller.
/// </summary>
public readonly record struct SourcePosition(int Line, int Column, int Offset)
{
    /// <summary>Gets the position at the very start of a text.</summary>
    public static SourcePosition Start => new(1, 1, 0);

    /// <inheritdoc />
    public override string ToString() => $"({this.Line},{this.Column})";
}

/// <summary>A range in a source text, from <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive).</summary>
public readonly record struct SourceSpan(SourcePosition Start, SourcePosition End)
{
    /// <summary>Gets a span for a host that has no source positions (the C# front end keeps its own map).</summary>
    public static SourceSpan None => default;

    /// <summary>Gets a value indicating whether this span points into a text.</summary>
    public bool IsKnown => this.Start.Line > 0;

    /// <summary>Creates an empty span at a position.</summary>
    /// <param name="at">The position.</param>
    /// <returns>The span.</returns>
    public static SourceSpan At(SourcePosition at) => new(at, at);

    /// <inheritdoc />
    public override string ToString() => $"{this.Start}-{this.End}";
}
