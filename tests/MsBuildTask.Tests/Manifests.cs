namespace DaemonLint.MsBuild.Tests;

/// <summary>Manifests used by the tests.</summary>
public static class Manifests
{
    /// <summary>No spec.selector: DS1002 at the template labels, line 8, column 7.</summary>
    public const string NoSelector = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: fluentd
        spec:
          template:
            metadata:
              labels:
                app: fluentd
            spec:
              containers:
                - name: fluentd
                  image: fluentd:1.16
        """;

    /// <summary>A valid DaemonSet.</summary>
    public const string Valid = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: fluentd
        spec:
          selector:
            matchLabels:
              app: fluentd
          template:
            metadata:
              labels:
                app: fluentd
            spec:
              containers:
                - name: fluentd
                  image: fluentd:1.16
        """;

    /// <summary>A valid DaemonSet whose selector is app=fluentd-v2 (DS1005 against <see cref="Valid"/>); the selector key is on line 6.</summary>
    public const string ChangedSelector = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: fluentd
        spec:
          selector:
            matchLabels:
              app: fluentd-v2
          template:
            metadata:
              labels:
                app: fluentd-v2
            spec:
              containers:
                - name: fluentd
                  image: fluentd:1.16
        """;

    public const string ConfigMap = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          a: b
        """;

    /// <summary>Not Kubernetes at all, and not even valid YAML once templated (a Helm template).</summary>
    public const string HelmTemplate = """
        apiVersion: v1
        kind: Service
        metadata:
          name: {{ .Release.Name }}
          labels: {{- include "labels" . | nindent 4 }}
        """;
}
