using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DaemonLint.Rules.Support;

/// <summary>
/// A JSON reader with the syntax rules of Go's <c>encoding/json</c>, for the JSON the API server decodes out of
/// annotation values (<c>scheduler.alpha.kubernetes.io/tolerations</c>). It accepts what Go accepts (duplicate keys,
/// any nesting up to Go's limit of 10,000) and words its errors the way Go does ("invalid character 'x' looking for
/// beginning of value", "unexpected end of JSON input"). Iterative, so deep nesting cannot overflow the stack.
/// </summary>
internal sealed class GoJson
{
    private const int MaxDepth = 10000; // encoding/json maxNestingDepth

    private readonly string text;
    private int pos;

    private GoJson(string text) => this.text = text;

    /// <summary>The kind of a JSON value.</summary>
    internal enum Kind
    {
        /// <summary>An object.</summary>
        Object,

        /// <summary>An array.</summary>
        Array,

        /// <summary>A string.</summary>
        String,

        /// <summary>A number.</summary>
        Number,

        /// <summary>true or false.</summary>
        Bool,

        /// <summary>null.</summary>
        Null,
    }

    /// <summary>Parses a JSON document.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value, when the text is JSON.</param>
    /// <param name="error">Go's error, when it is not.</param>
    /// <returns>Whether the text is JSON.</returns>
    public static bool TryParse(string text, out Value? value, out string? error)
    {
        try
        {
            value = new GoJson(text).Document();
            error = null;
            return true;
        }
        catch (SyntaxError e)
        {
            value = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>Go's name of a value's kind in an <c>UnmarshalTypeError</c> ("object", "number", "bool"...).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The name.</returns>
    public static string TypeName(Value value) => value.Kind switch
    {
        Kind.Object => "object",
        Kind.Array => "array",
        Kind.String => "string",
        Kind.Number => "number",
        Kind.Bool => "bool",
        _ => "null",
    };

    /// <summary>
    /// Whether a struct field's JSON name matches an object key as <c>encoding/json</c> matches them: exactly, or
    /// case-insensitively with Unicode simple folding (ASCII letters, plus the Kelvin sign for k and the long s for s).
    /// </summary>
    /// <param name="fieldName">The field's JSON name (ASCII).</param>
    /// <param name="key">The object key.</param>
    /// <returns>Whether they match.</returns>
    public static bool FieldMatches(string fieldName, string key)
    {
        if (fieldName.Length != key.Length)
        {
            return false;
        }

        for (var i = 0; i < key.Length; i++)
        {
            var f = char.ToLowerInvariant(fieldName[i]);
            var k = key[i] switch
            {
                '\u212A' => 'k', // KELVIN SIGN folds to k
                '\u017F' => 's', // LATIN SMALL LETTER LONG S folds to s
                var c when c < 128 => char.ToLowerInvariant(c),
                var c => c,
            };
            if (f != k)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r';

    // Go's quoteChar: the offending character as a quoted rune.
    private static string Quote(char c) => c switch
    {
        '\'' => "'\\''",
        '"' => "'\"'",
        '\n' => "'\\n'",
        '\r' => "'\\r'",
        '\t' => "'\\t'",
        _ when c < 0x20 || c == 0x7f => "'\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture) + "'",
        _ => "'" + c + "'",
    };

    private Value Document()
    {
        var stack = new List<Value>();
        var keys = new List<string?>();
        this.SkipSpace();
        while (true)
        {
            // A value is expected here.
            var c = this.Next();
            Value v;
            if (c == '{' || c == '[')
            {
                this.pos++;
                if (stack.Count >= MaxDepth)
                {
                    throw new SyntaxError("exceeded max depth");
                }

                var container = new Value(c == '{' ? Kind.Object : Kind.Array);
                this.SkipSpace();
                var close = c == '{' ? '}' : ']';
                if (this.Next() == close)
                {
                    this.pos++;
                    v = container;
                }
                else
                {
                    stack.Add(container);
                    keys.Add(c == '{' ? this.Key() : null);
                    continue;
                }
            }
            else
            {
                v = this.Scalar(c);
            }

            // A value is complete: attach it and read what follows, closing as many containers as end here.
            while (true)
            {
                if (stack.Count == 0)
                {
                    this.SkipSpace();
                    if (this.pos < this.text.Length)
                    {
                        throw new SyntaxError($"invalid character {Quote(this.text[this.pos])} after top-level value");
                    }

                    return v;
                }

                var parent = stack[stack.Count - 1];
                if (parent.Kind == Kind.Array)
                {
                    parent.Items.Add(v);
                }
                else
                {
                    parent.Members.Add(new KeyValuePair<string, Value>(keys[keys.Count - 1]!, v));
                }

                this.SkipSpace();
                var after = parent.Kind == Kind.Array ? "after array element" : "after object key:value pair";
                var n = this.Next();
                if (n == ',')
                {
                    this.pos++;
                    this.SkipSpace();
                    if (parent.Kind == Kind.Object)
                    {
                        keys[keys.Count - 1] = this.Key();
                    }

                    break; // the next value
                }

                if (n == (parent.Kind == Kind.Array ? ']' : '}'))
                {
                    this.pos++;
                    stack.RemoveAt(stack.Count - 1);
                    keys.RemoveAt(keys.Count - 1);
                    v = parent;
                    continue;
                }

                throw new SyntaxError($"invalid character {Quote(n)} {after}");
            }
        }
    }

    // An object key, the colon after it and the space before the value.
    private string Key()
    {
        if (this.Next() != '"')
        {
            throw new SyntaxError($"invalid character {Quote(this.text[this.pos])} looking for beginning of object key string");
        }

        var key = this.String();
        this.SkipSpace();
        var c = this.Next();
        if (c != ':')
        {
            throw new SyntaxError($"invalid character {Quote(c)} after object key");
        }

        this.pos++;
        this.SkipSpace();
        return key;
    }

    private Value Scalar(char c)
    {
        switch (c)
        {
            case '"':
                return new Value(Kind.String) { Text = this.String() };
            case 't':
                this.Literal("true");
                return new Value(Kind.Bool) { Text = "true" };
            case 'f':
                this.Literal("false");
                return new Value(Kind.Bool) { Text = "false" };
            case 'n':
                this.Literal("null");
                return new Value(Kind.Null);
            case '-':
            case >= '0' and <= '9':
                return new Value(Kind.Number) { Text = this.Number() };
            default:
                throw new SyntaxError($"invalid character {Quote(c)} looking for beginning of value");
        }
    }

    private void Literal(string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            var c = this.Next();
            if (c != word[i])
            {
                throw new SyntaxError($"invalid character {Quote(c)} in literal {word} (expecting {Quote(word[i])})");
            }

            this.pos++;
        }
    }

    private string Number()
    {
        var start = this.pos;
        if (this.text[this.pos] == '-')
        {
            this.pos++;
            var c = this.Next();
            if (c is < '0' or > '9')
            {
                throw new SyntaxError($"invalid character {Quote(c)} in numeric literal");
            }
        }

        if (this.text[this.pos] == '0')
        {
            this.pos++;
        }
        else
        {
            this.Digits();
        }

        if (this.pos < this.text.Length && this.text[this.pos] == '.')
        {
            this.pos++;
            var c = this.Next();
            if (c is < '0' or > '9')
            {
                throw new SyntaxError($"invalid character {Quote(c)} after decimal point in numeric literal");
            }

            this.Digits();
        }

        if (this.pos < this.text.Length && this.text[this.pos] is 'e' or 'E')
        {
            this.pos++;
            var c = this.Next();
            if (c is '+' or '-')
            {
                this.pos++;
                c = this.Next();
            }

            if (c is < '0' or > '9')
            {
                throw new SyntaxError($"invalid character {Quote(c)} in exponent of numeric literal");
            }

            this.Digits();
        }

        return this.text.Substring(start, this.pos - start);
    }

    private void Digits()
    {
        while (this.pos < this.text.Length && this.text[this.pos] is >= '0' and <= '9')
        {
            this.pos++;
        }
    }

    private string String()
    {
        this.pos++; // the opening quote
        var sb = new StringBuilder();
        while (true)
        {
            var c = this.Next();
            this.pos++;
            if (c == '"')
            {
                return sb.ToString();
            }

            if (c < 0x20)
            {
                throw new SyntaxError($"invalid character {Quote(c)} in string literal");
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            var e = this.Next();
            this.pos++;
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    var code = 0;
                    for (var i = 0; i < 4; i++)
                    {
                        var h = this.Next();
                        var d = h switch
                        {
                            >= '0' and <= '9' => h - '0',
                            >= 'a' and <= 'f' => h - 'a' + 10,
                            >= 'A' and <= 'F' => h - 'A' + 10,
                            _ => throw new SyntaxError($"invalid character {Quote(h)} in \\u hexadecimal character escape"),
                        };
                        code = (code * 16) + d;
                        this.pos++;
                    }

                    sb.Append((char)code); // lone surrogates stay as they are: Go replaces them, nothing here depends on it
                    break;
                default:
                    throw new SyntaxError($"invalid character {Quote(e)} in string escape code");
            }
        }
    }

    private char Next()
    {
        if (this.pos >= this.text.Length)
        {
            throw new SyntaxError("unexpected end of JSON input");
        }

        return this.text[this.pos];
    }

    private void SkipSpace()
    {
        while (this.pos < this.text.Length && IsSpace(this.text[this.pos]))
        {
            this.pos++;
        }
    }

    /// <summary>A parsed JSON value.</summary>
    internal sealed class Value
    {
        private List<Value>? items;
        private List<KeyValuePair<string, Value>>? members;

        /// <summary>Initializes a new instance of the <see cref="Value"/> class.</summary>
        /// <param name="kind">The kind.</param>
        public Value(Kind kind) => this.Kind = kind;

        /// <summary>Gets the kind.</summary>
        public Kind Kind { get; }

        /// <summary>Gets the string's content, the number's literal, or "true"/"false".</summary>
        public string? Text { get; init; }

        /// <summary>Gets the items of an array.</summary>
        public List<Value> Items => this.items ??= new List<Value>();

        /// <summary>Gets the members of an object, in order, duplicates kept.</summary>
        public List<KeyValuePair<string, Value>> Members => this.members ??= new List<KeyValuePair<string, Value>>();
    }

    private sealed class SyntaxError : System.Exception
    {
        public SyntaxError(string message)
            : base(message)
        {
        }
    }
}
