using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;
using Microsoft.Build.Framework;

namespace DaemonLint.MsBuild.Tests;

/// <summary>One logged diagnostic, as the build would print it.</summary>
public sealed record LoggedDiagnostic(string Severity, string? Code, string? File, int Line, int Column, string Message, MessageImportance? Importance = null)
{
    public override string ToString() => $"{this.File}({this.Line},{this.Column}): {this.Severity} {this.Code}: {this.Message}";
}

/// <summary>A build engine that captures errors, warnings and messages with their code and location (sourcelink's MockEngine).</summary>
public sealed class MockEngine : IBuildEngine
{
    private readonly StringBuilder log = new();

    public List<LoggedDiagnostic> Errors { get; } = new();

    public List<LoggedDiagnostic> Warnings { get; } = new();

    public List<LoggedDiagnostic> Messages { get; } = new();

    /// <summary>Gets everything logged, one line each (for assertion messages).</summary>
    public string Log => this.log.ToString();

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "test.proj";

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException();

    public void LogCustomEvent(CustomBuildEventArgs e) => this.log.AppendLine(e.Message);

    public void LogErrorEvent(BuildErrorEventArgs e)
    {
        var d = new LoggedDiagnostic("error", e.Code, e.File, e.LineNumber, e.ColumnNumber, e.Message ?? string.Empty);
        this.Errors.Add(d);
        this.log.AppendLine(d.ToString());
    }

    public void LogWarningEvent(BuildWarningEventArgs e)
    {
        var d = new LoggedDiagnostic("warning", e.Code, e.File, e.LineNumber, e.ColumnNumber, e.Message ?? string.Empty);
        this.Warnings.Add(d);
        this.log.AppendLine(d.ToString());
    }

    public void LogMessageEvent(BuildMessageEventArgs e)
    {
        var d = new LoggedDiagnostic("message", e.Code, e.File, e.LineNumber, e.ColumnNumber, e.Message ?? string.Empty, e.Importance);
        this.Messages.Add(d);
        this.log.AppendLine(d.ToString());
    }
}
