using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Xml;
using DaemonLint.Cli.Commands;
using DaemonLint.Model;

namespace DaemonLint.Cli.Output;

/// <summary>
/// JUnit XML as GitLab and Jenkins read it, valid under Jenkins' <c>junit-10.xsd</c>: one <c>testsuite</c> per file that
/// holds something checked (files sorted by their display path, ordinal), one <c>testcase</c> per object checked (clean
/// objects pass), one <c>failure</c> per failed case holding every error and warning finding of the object (JUnit readers
/// take one failure per case: Jenkins shows a case's first, parsers count them as failed tests). File-level findings (unreadable or unparsable input)
/// belong to a testcase named <see cref="InputCaseName"/>. A file with no DaemonSet and no finding checked nothing, so it
/// is no suite (an empty suite would read as a test file whose tests vanished). Informational findings go to the
/// testcase's <c>system-out</c> and do not fail it. A failure's <c>type</c> lists the rule ids, its <c>message</c> is the first
/// finding's line (with the number of the others), and its text is every finding's line with its hint and help link.
/// </summary>
public sealed class JUnitFormatter : IOutputFormatter
{
    /// <summary>The name of the testcase that holds a file's own findings (those not about one object).</summary>
    public const string InputCaseName = "(input)";

    /// <summary>The testcase name of an object: <c>Kind namespace/name</c>.</summary>
    /// <param name="o">The object.</param>
    /// <returns>The name.</returns>
    public static string CaseName(ObjectRef o) => $"{o.Kind ?? "(no kind)"} {o.DisplayName}";

    /// <inheritdoc />
    public void Write(ValidationRun run, TextWriter writer)
    {
        var suites = BuildSuites(run);
        var settings = new XmlWriterSettings
        {
            Indent = true,
            Encoding = new UTF8Encoding(false),
            OmitXmlDeclaration = false,
            NewLineChars = "\n",
            CheckCharacters = false,
        };

        var sb = new StringBuilder();
        using (var x = XmlWriter.Create(new StringWriterUtf8(sb), settings))
        {
            var totalTests = 0;
            var totalFailures = 0;
            foreach (var s in suites)
            {
                totalTests += s.Cases.Count;
                totalFailures += s.FailedCases;
            }

            x.WriteStartDocument();
            x.WriteStartElement("testsuites");
            x.WriteAttributeString("name", "daemonlint");
            x.WriteAttributeString("tests", Num(totalTests));
            x.WriteAttributeString("failures", Num(totalFailures));
            x.WriteAttributeString("errors", "0");
            x.WriteAttributeString("time", "0");
            foreach (var s in suites)
            {
                x.WriteStartElement("testsuite");
                x.WriteAttributeString("name", Clean(s.File));
                x.WriteAttributeString("tests", Num(s.Cases.Count));
                x.WriteAttributeString("failures", Num(s.FailedCases));
                x.WriteAttributeString("errors", "0");
                x.WriteAttributeString("skipped", "0");
                x.WriteAttributeString("time", "0");
                foreach (var c in s.Cases)
                {
                    x.WriteStartElement("testcase");
                    x.WriteAttributeString("classname", Clean(s.File));
                    x.WriteAttributeString("name", Clean(c.Name));
                    x.WriteAttributeString("time", "0");
                    // One failure per failed case, as JUnit readers expect (Jenkins reads a case's first failure element
                    // only, and parsers count failure elements as failed tests): every finding of the object is in its text.
                    var infos = new StringBuilder();
                    var failing = new List<Finding>();
                    foreach (var f in c.Findings)
                    {
                        if (f.Severity < Severity.Warning)
                        {
                            infos.Append(TextFormatter.FormatLine(f)).Append('\n');
                        }
                        else
                        {
                            failing.Add(f);
                        }
                    }

                    if (failing.Count > 0)
                    {
                        var ids = new List<string>();
                        var text = new StringBuilder();
                        foreach (var f in failing)
                        {
                            if (!ids.Contains(f.RuleId))
                            {
                                ids.Add(f.RuleId);
                            }

                            text.Append(text.Length == 0 ? string.Empty : "\n").Append(TextFormatter.FormatLine(f));
                            foreach (var detail in Hosting.FindingText.DetailLines(f))
                            {
                                text.Append('\n').Append(detail);
                            }
                        }

                        var first = TextFormatter.FormatLine(failing[0]);
                        x.WriteStartElement("failure");
                        x.WriteAttributeString("type", string.Join(" ", ids));
                        x.WriteAttributeString("message", Clean(failing.Count == 1 ? first : $"{first} (and {failing.Count - 1} more)"));
                        x.WriteString(Clean(text.ToString()));
                        x.WriteEndElement();
                    }

                    if (infos.Length > 0)
                    {
                        x.WriteElementString("system-out", Clean(infos.ToString()));
                    }

                    x.WriteEndElement();
                }

                x.WriteEndElement();
            }

            x.WriteEndElement();
            x.WriteEndDocument();
        }

        writer.Write(sb.ToString());
        writer.WriteLine();
    }

    private static List<Suite> BuildSuites(ValidationRun run)
    {
        var byFile = new Dictionary<string, Suite>(StringComparer.Ordinal);

        Suite SuiteOf(string? file)
        {
            var name = file ?? "<input>";
            if (!byFile.TryGetValue(name, out var s))
            {
                s = new Suite(name);
                byFile.Add(name, s);
            }

            return s;
        }

        // Each file's objects in file order, then its findings (sorted by position): the same whatever the argument order.
        foreach (var o in run.CheckedObjects)
        {
            SuiteOf(o.File).CaseOf(o);
        }

        foreach (var f in run.Findings)
        {
            var suite = SuiteOf(f.File);
            suite.CaseOf(f.Object).Findings.Add(f);
        }

        var suites = new List<Suite>(byFile.Values);
        suites.Sort((a, b) => string.CompareOrdinal(a.File, b.File));
        foreach (var s in suites)
        {
            s.NameCases();
        }

        return suites;
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Drops characters XML 1.0 cannot hold at all (a binary file's name or bytes may reach a message).</summary>
    private static string Clean(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (!ok)
            {
                sb ??= new StringBuilder(text, 0, i, text.Length);
                sb.Append('\uFFFD');
            }
            else
            {
                sb?.Append(c);
            }
        }

        return sb?.ToString() ?? text;
    }

    private sealed class Suite
    {
        private readonly Dictionary<ObjectRef, Case> byObject = new();
        private Case? input;

        public Suite(string file) => this.File = file;

        public string File { get; }

        public List<Case> Cases { get; } = new();

        public int FailedCases
        {
            get
            {
                var n = 0;
                foreach (var c in this.Cases)
                {
                    n += c.Failed ? 1 : 0;
                }

                return n;
            }
        }

        public Case CaseOf(ObjectRef? o)
        {
            if (o is null)
            {
                if (this.input is null)
                {
                    this.input = new Case(null);
                    this.Cases.Insert(0, this.input);
                }

                return this.input;
            }

            if (!this.byObject.TryGetValue(o, out var c))
            {
                c = new Case(o);
                this.byObject.Add(o, c);
                this.Cases.Add(c);
            }

            return c;
        }

        /// <summary>Names the cases; objects sharing a name within the file get their document index.</summary>
        public void NameCases()
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var c in this.Cases)
            {
                var n = c.Object is null ? InputCaseName : CaseName(c.Object);
                counts[n] = counts.TryGetValue(n, out var k) ? k + 1 : 1;
            }

            foreach (var c in this.Cases)
            {
                var n = c.Object is null ? InputCaseName : CaseName(c.Object);
                c.Name = counts[n] > 1 && c.Object is not null ? $"{n} (document {c.Object.Document})" : n;
            }
        }
    }

    private sealed class Case
    {
        public Case(ObjectRef? o) => this.Object = o;

        public ObjectRef? Object { get; }

        public string Name { get; set; } = string.Empty;

        public List<Finding> Findings { get; } = new();

        public bool Failed
        {
            get
            {
                foreach (var f in this.Findings)
                {
                    if (f.Severity >= Severity.Warning)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }

    /// <summary>A string writer that declares UTF-8, so the XML declaration says what the file is.</summary>
    private sealed class StringWriterUtf8 : StringWriter
    {
        public StringWriterUtf8(StringBuilder sb)
            : base(sb, CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
