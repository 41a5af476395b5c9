using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DaemonLint.Parity.Oracle;

/// <summary>One error of the oracle (a <c>status.details.causes</c> entry of the API server's 422 answer).</summary>
internal sealed class OracleError
{
    /// <summary>Gets or sets the field path.</summary>
    [JsonPropertyName("field")]
    public string Field { get; set; } = string.Empty;

    /// <summary>Gets or sets the raw <c>field.ErrorType</c> (<c>FieldValueInvalid</c>).</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    /// <summary>Gets or sets the detail.</summary>
    [JsonPropertyName("detail")]
    public string? Detail { get; set; }

    /// <summary>Gets or sets the bad value.</summary>
    [JsonPropertyName("bad")]
    public string? Bad { get; set; }

    /// <summary>Gets or sets the message (<c>ErrorBody()</c>).</summary>
    [JsonPropertyName("message")]
    public string Message { get; set; } = string.Empty;
}

/// <summary>The oracle's answer for one document.</summary>
internal sealed class OracleResult
{
    /// <summary>Gets or sets the file as given on the command line.</summary>
    [JsonPropertyName("file")]
    public string File { get; set; } = string.Empty;

    /// <summary>Gets or sets the 0-based document index.</summary>
    [JsonPropertyName("doc")]
    public int Doc { get; set; }

    /// <summary>Gets or sets the item index inside a List, if any.</summary>
    [JsonPropertyName("item")]
    public int? Item { get; set; }

    /// <summary>Gets or sets <c>namespace/name</c>.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Gets or sets <c>create</c> or <c>update</c>.</summary>
    [JsonPropertyName("mode")]
    public string Mode { get; set; } = "create";

    /// <summary>Gets or sets a value indicating whether validation (strict errors aside) passed.</summary>
    [JsonPropertyName("valid")]
    public bool Valid { get; set; }

    /// <summary>Gets or sets a value indicating whether strict decoding passed too.</summary>
    [JsonPropertyName("validStrict")]
    public bool ValidStrict { get; set; }

    /// <summary>Gets or sets the validation errors (updates repeat every spec error).</summary>
    [JsonPropertyName("errors")]
    public List<OracleError>? Errors { get; set; }

    /// <summary>Gets or sets the strict decoding errors (unknown and duplicate fields).</summary>
    [JsonPropertyName("strictErrors")]
    public List<string>? StrictErrors { get; set; }

    /// <summary>Gets or sets a failure before validation.</summary>
    [JsonPropertyName("decodeError")]
    public string? DecodeError { get; set; }

    /// <summary>Gets or sets a non-validation rejection of the registry.</summary>
    [JsonPropertyName("requestError")]
    public string? RequestError { get; set; }

    /// <summary>Gets or sets the stored object's file (updates).</summary>
    [JsonPropertyName("baselineFile")]
    public string? BaselineFile { get; set; }

    /// <summary>Gets or sets the stored object's own errors on create (updates).</summary>
    [JsonPropertyName("baselineErrors")]
    public List<OracleError>? BaselineErrors { get; set; }

    /// <summary>Gets or sets why the stored object was not usable.</summary>
    [JsonPropertyName("baselineIssue")]
    public string? BaselineIssue { get; set; }

    /// <summary>Gets a value indicating whether the API server (kubectl's default <c>--validate=strict</c>) rejects the document.</summary>
    [JsonIgnore]
    public bool Rejects => !string.IsNullOrEmpty(this.DecodeError) || !string.IsNullOrEmpty(this.RequestError) || !this.Valid || (this.StrictErrors?.Count ?? 0) > 0;
}

internal sealed class OracleOutput
{
    [JsonPropertyName("oracle")]
    public string Oracle { get; set; } = string.Empty;

    [JsonPropertyName("results")]
    public List<OracleResult> Results { get; set; } = new();
}

/// <summary>Runs the oracle binary on batches of files (it takes many files per call and is fast).</summary>
internal sealed class OracleRunner
{
    private readonly string path;
    private readonly string? featureGates;
    private readonly string ns;
    private readonly bool allowPrivileged;

    /// <summary>Initializes a new instance of the <see cref="OracleRunner"/> class.</summary>
    /// <param name="path">The oracle binary.</param>
    /// <param name="featureGates">The <c>--feature-gates</c> value, or null.</param>
    /// <param name="ns">The request namespace used when a document has none.</param>
    /// <param name="allowPrivileged">kube-apiserver <c>--allow-privileged</c>.</param>
    public OracleRunner(string path, string? featureGates, string ns = "default", bool allowPrivileged = true)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"the oracle binary was not found at {path} (see ../shared/oracle/README.md)", path);
        }

        this.path = Path.GetFullPath(path);
        this.featureGates = featureGates;
        this.ns = ns;
        this.allowPrivileged = allowPrivileged;
    }

    /// <summary>Gets the oracle's version line.</summary>
    public string Version()
    {
        var (code, stdout, stderr) = Exec(this.path, new[] { "--version" }, Directory.GetCurrentDirectory());
        if (code != 0)
        {
            throw new InvalidOperationException($"the oracle failed to start ({code}): {stderr}");
        }

        return stdout.Trim();
    }

    /// <summary>Validates files (relative to <paramref name="workDir"/>), optionally as updates of the objects of a baseline file.</summary>
    public List<OracleResult> Run(string workDir, IReadOnlyList<string> files, string? baseline)
    {
        var args = new List<string> { "--mode-header=false", "--namespace", this.ns, "--allow-privileged=" + (this.allowPrivileged ? "true" : "false") };
        if (!string.IsNullOrEmpty(this.featureGates))
        {
            args.Add("--feature-gates");
            args.Add(this.featureGates);
        }

        if (baseline is not null)
        {
            args.Add("--baseline");
            args.Add(baseline);
        }

        args.AddRange(files);
        var (code, stdout, stderr) = Exec(this.path, args, workDir);
        if (code != 0 || stdout.Length == 0)
        {
            throw new InvalidOperationException($"the oracle exited with {code}: {stderr}");
        }

        var output = JsonSerializer.Deserialize<OracleOutput>(stdout) ?? throw new InvalidOperationException("the oracle printed no JSON");
        return output.Results;
    }

    private static (int Code, string Stdout, string Stderr) Exec(string file, IEnumerable<string> args, string workDir)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start " + file);
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }
}
