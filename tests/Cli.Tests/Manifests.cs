using System;

namespace DaemonLint.Cli.Tests;

/// <summary>Small manifests the tests write into temp folders, and helpers to find positions in them.</summary>
public static class Manifests
{
    /// <summary>A DaemonSet no rule complains about.</summary>
    public const string Clean = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: clean-agent
          namespace: kube-system
        spec:
          selector:
            matchLabels:
              app: clean-agent
          template:
            metadata:
              labels:
                app: clean-agent
            spec:
              containers:
                - name: agent
                  image: registry.example.com/agent:1.0
        """;

    /// <summary>A DaemonSet with one error: restartPolicy OnFailure (DS1009).</summary>
    public const string RestartPolicy = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: bad-restart
          namespace: logging
        spec:
          selector:
            matchLabels:
              app: bad-restart
          template:
            metadata:
              labels:
                app: bad-restart
            spec:
              restartPolicy: OnFailure
              containers:
                - name: agent
                  image: registry.example.com/agent:1.0
        """;

    /// <summary>Objects that are not DaemonSets: read, counted, not checked.</summary>
    public const string ConfigMap = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          key: value
        """;

    /// <summary>The rule id <see cref="RestartPolicy"/> breaks.</summary>
    public const string RestartPolicyRule = "DS1009";

    /// <summary>The field path <see cref="RestartPolicy"/> breaks.</summary>
    public const string RestartPolicyPath = "spec.template.spec.restartPolicy";

    /// <summary>A clean DaemonSet with a given name and selector label value.</summary>
    /// <param name="name">metadata.name.</param>
    /// <param name="app">The app label of selector and template.</param>
    /// <returns>The YAML.</returns>
    public static string DaemonSet(string name, string app) => $"""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: {name}
          namespace: kube-system
        spec:
          selector:
            matchLabels:
              app: {app}
          template:
            metadata:
              labels:
                app: {app}
            spec:
              containers:
                - name: agent
                  image: registry.example.com/agent:1.0
        """;

    /// <summary>Finds the 1-based line and column where a text first starts in a manifest.</summary>
    /// <param name="yaml">The manifest.</param>
    /// <param name="text">The text to find.</param>
    /// <returns>Line and column.</returns>
    public static (int Line, int Column) PositionOf(string yaml, string text)
    {
        var offset = yaml.IndexOf(text, StringComparison.Ordinal);
        if (offset < 0)
        {
            throw new ArgumentException($"'{text}' is not in the manifest", nameof(text));
        }

        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (yaml[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }
}
