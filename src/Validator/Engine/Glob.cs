using System;
using System.Collections.Generic;

namespace DaemonLint.Engine;

/// <summary>
/// A path glob of a <c>.daemonlint.yaml</c> (<c>**/</c> any folders, <c>**</c> anything, <c>*</c> and <c>?</c> within a
/// name), matched without backtracking: the pattern's positions are followed all at once, one character of the path at a time,
/// so a match costs at most 2 × (path length + 1) × (pattern length + 1) steps whatever the pattern (<c>*a*a*a*a*b</c> against a
/// long name included: a backtracking regex takes exponential time there).
/// </summary>
public sealed class Glob
{
    private readonly Token[] tokens;
    private readonly char[] literals;

    private Glob(string pattern, Token[] tokens, char[] literals)
    {
        this.Pattern = pattern;
        this.tokens = tokens;
        this.literals = literals;
    }

    private enum Token : byte
    {
        Literal,
        One,
        Star,
        Anything,
        Folders,
    }

    /// <summary>Gets the glob as written.</summary>
    public string Pattern { get; }

    /// <summary>Gets the number of steps the last matches took (for tests of the cost bound).</summary>
    internal long Steps { get; private set; }

    /// <summary>Parses a glob; '\' is a folder separator like '/', and a leading <c>./</c> is dropped.</summary>
    /// <param name="glob">The glob.</param>
    /// <returns>The matcher.</returns>
    public static Glob Parse(string glob)
    {
        var g = glob.Replace('\\', '/');
        if (g.StartsWith("./", StringComparison.Ordinal))
        {
            g = g.Substring(2);
        }

        var tokens = new List<Token>(g.Length);
        var literals = new List<char>(g.Length);
        for (var i = 0; i < g.Length; i++)
        {
            var c = g[i];
            if (c == '*' && i + 1 < g.Length && g[i + 1] == '*')
            {
                var slash = i + 2 < g.Length && g[i + 2] == '/';
                tokens.Add(slash ? Token.Folders : Token.Anything);
                i += slash ? 2 : 1;
            }
            else
            {
                tokens.Add(c == '*' ? Token.Star : c == '?' ? Token.One : Token.Literal);
            }

            literals.Add(c);
        }

        return new Glob(glob, tokens.ToArray(), literals.ToArray());
    }

    /// <summary>Whether a whole path (or name) matches, ordinal and case-sensitive.</summary>
    /// <param name="path">The path, '/' separated.</param>
    /// <returns>True when it matches.</returns>
    public bool IsMatch(string path)
    {
        var m = this.tokens.Length;

        // at[k]: the next token to match is k (for Folders: at a folder boundary, may end here); inside[k]: within the
        // folder names of a Folders token, before its next '/'.
        var at = new bool[m + 1];
        var inside = new bool[m + 1];
        var nextAt = new bool[m + 1];
        var nextInside = new bool[m + 1];
        at[0] = true;
        var steps = this.Close(at);
        foreach (var c in path)
        {
            Array.Clear(nextAt, 0, nextAt.Length);
            Array.Clear(nextInside, 0, nextInside.Length);
            var alive = false;
            for (var k = 0; k < m; k++)
            {
                steps++;
                if (inside[k])
                {
                    alive = true;
                    (c == '/' ? nextAt : nextInside)[k] = true;
                }

                if (!at[k])
                {
                    continue;
                }

                alive = true;
                switch (this.tokens[k])
                {
                    case Token.Literal when this.literals[k] == c:
                        nextAt[k + 1] = true;
                        break;
                    case Token.One when c != '/':
                        nextAt[k + 1] = true;
                        break;
                    case Token.Star when c != '/':
                    case Token.Anything:
                        nextAt[k] = true;
                        break;
                    case Token.Folders:
                        (c == '/' ? nextAt : nextInside)[k] = true;
                        break;
                }
            }

            if (!alive)
            {
                this.Steps = steps;
                return false;
            }

            (at, nextAt) = (nextAt, at);
            (inside, nextInside) = (nextInside, inside);
            steps += this.Close(at);
        }

        this.Steps = steps;
        return at[m];
    }

    /// <inheritdoc />
    public override string ToString() => this.Pattern;

    // Star, Anything and Folders may match nothing: whoever is at one is also past it. Forward only, so one pass.
    private int Close(bool[] at)
    {
        for (var k = 0; k < this.tokens.Length; k++)
        {
            if (at[k] && this.tokens[k] is Token.Star or Token.Anything or Token.Folders)
            {
                at[k + 1] = true;
            }
        }

        return this.tokens.Length;
    }
}
