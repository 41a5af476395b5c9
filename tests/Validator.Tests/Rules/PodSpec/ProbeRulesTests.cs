using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules.PodSpec;

public sealed class ProbeRulesTests
{
    [Fact]
    public void ProbeWithoutHandler_Triggers_Required()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1181_ProbeMustHaveOneHandler.Id,
            """
            containers:
              - name: c
                image: i
                livenessProbe: # expect: DS1181 spec.template.spec.containers[0].livenessProbe
                  initialDelaySeconds: 5
            """);
        Assert.Equal(FindingKind.Required, f.Kind);
        Assert.Equal("Required value: must specify a handler type", f.Message);
        Assert.Equal("Add one of exec, httpGet, tcpSocket or grpc", f.Hint);
    }

    [Fact]
    public void ProbeWithTwoHandlers_Triggers_OnTheLaterOne()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1181_ProbeMustHaveOneHandler.Id,
            """
            containers:
              - name: c
                image: i
                readinessProbe:
                  grpc: {port: 9090} # expect: DS1181 spec.template.spec.containers[0].readinessProbe.grpc
                  tcpSocket: {port: 9090}
            """);
        Assert.Equal(FindingKind.Forbidden, f.Kind);
        Assert.Equal("Forbidden: may not specify more than 1 handler type", f.Message);
        Assert.Equal("Keep one of tcpSocket and grpc", f.Hint);
    }

    [Fact]
    public void HttpHeaderName_Triggers_AtHttpHeadersWithoutAnIndex_WithTheUpstreamMessage()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1184_HandlerActionMustBeValid.Id,
            """
            containers:
              - name: c
                image: i
                lifecycle:
                  preStop:
                    httpGet:
                      port: 80
                      httpHeaders:
                        - name: Accept
                          value: a
                        - name: X_Bad # expect: DS1184 spec.template.spec.containers[0].lifecycle.preStop.httpGet.httpHeaders
                          value: b
            """);
        Assert.Equal(FindingKind.Invalid, f.Kind);
        Assert.StartsWith(
            "Invalid value: \"X_Bad\": a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')",
            f.Message,
            System.StringComparison.Ordinal);
    }

    [Fact]
    public void HttpHeaders_OfALaterHandler_AreNotChecked()
    {
        // validateHandler validates the first handler only; DS1181 reports the second.
        PodSpecYaml.None(
            RuleCatalog.DS1184_HandlerActionMustBeValid.Id,
            "containers: [{name: c, image: i, readinessProbe: {exec: {command: [x]}, httpGet: {port: 80, httpHeaders: [{name: 'not a header'}]}}}]");
    }

    [Fact]
    public void LivenessSuccessThreshold_Triggers()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1182_ProbeSuccessThresholdMustBeOne.Id,
            """
            containers:
              - name: c
                image: i
                livenessProbe:
                  tcpSocket: {port: 80}
                  successThreshold: 2 # expect: DS1182 spec.template.spec.containers[0].livenessProbe.successThreshold
            """);
        Assert.Equal("Invalid value: 2: must be 1", f.Message);
        Assert.Equal("Remove successThreshold or set it to 1; only readiness probes may need several successes", f.Hint);
    }

    [Fact]
    public void OmittedThresholds_DoNotTrigger()
    {
        const string Spec = "containers: [{name: c, image: i, livenessProbe: {tcpSocket: {port: 80}}, startupProbe: {tcpSocket: {port: 80}}}]";
        PodSpecYaml.None(RuleCatalog.DS1182_ProbeSuccessThresholdMustBeOne.Id, Spec);
        PodSpecYaml.None(RuleCatalog.DS1183_ProbeFieldsMustBeInRange.Id, Spec);
    }

    [Fact]
    public void ReadinessTerminationGracePeriod_Triggers()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1183_ProbeFieldsMustBeInRange.Id,
            """
            containers:
              - name: c
                image: i
                readinessProbe:
                  tcpSocket: {port: 80}
                  terminationGracePeriodSeconds: 5 # expect: DS1183 spec.template.spec.containers[0].readinessProbe.terminationGracePeriodSeconds
            """);
        Assert.Equal(
            "Invalid value: 5: must not be set for readinessProbes",
            f.Message);
        Assert.Equal("Remove terminationGracePeriodSeconds: a failing readiness probe does not restart the container", f.Hint);
    }

    [Fact]
    public void NegativeProbeTiming_Triggers()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1183_ProbeFieldsMustBeInRange.Id,
            """
            containers:
              - name: c
                image: i
                startupProbe:
                  tcpSocket: {port: 80}
                  timeoutSeconds: -1 # expect: DS1183 spec.template.spec.containers[0].startupProbe.timeoutSeconds
            """);
        Assert.Equal("Invalid value: -1: must be greater than or equal to 0", f.Message);
    }

    [Fact]
    public void HttpGetWithoutPort_Triggers()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1184_HandlerActionMustBeValid.Id,
            """
            containers:
              - name: c
                image: i
                livenessProbe:
                  httpGet: # expect: DS1184 spec.template.spec.containers[0].livenessProbe.httpGet.port
                    path: /healthz
            """);
        Assert.Equal("Invalid value: 0: must be between 1 and 65535, inclusive", f.Message);
        Assert.Equal("Add the port to probe, by number or by the name of a container port", f.Hint);
    }

    [Fact]
    public void SleepLongerThanGracePeriod_Triggers()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1184_HandlerActionMustBeValid.Id,
            """
            terminationGracePeriodSeconds: 10
            containers:
              - name: c
                image: i
                lifecycle:
                  preStop:
                    sleep:
                      seconds: 15 # expect: DS1184 spec.template.spec.containers[0].lifecycle.preStop.sleep
            """);
        Assert.Equal("Invalid value: 15: must be non-negative and less than terminationGracePeriodSeconds (10)", f.Message);
    }

    [Fact]
    public void PlainInitContainerProbe_IsNotValidated()
    {
        const string Spec = "initContainers: [{name: s, image: i, livenessProbe: {successThreshold: 5}}]\ncontainers: [{name: c, image: i}]";
        PodSpecYaml.None(RuleCatalog.DS1181_ProbeMustHaveOneHandler.Id, Spec);
        PodSpecYaml.None(RuleCatalog.DS1182_ProbeSuccessThresholdMustBeOne.Id, Spec);
    }
}
