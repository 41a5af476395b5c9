using System;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;

namespace DaemonLint.MsBuild.Tests;

public sealed class ValidateKubernetesManifestsTests : IDisposable
{
    private readonly TempProject project = new();

    public void Dispose() => this.project.Dispose();

    [Fact]
    public void MissingSelector_LogsErrorWithCodeFileLineAndColumn()
    {
        var path = this.project.Write("deploy/ds.yaml", Manifests.NoSelector);
        var (task, engine) = this.project.Task(this.project.Item("deploy/ds.yaml"));

        Assert.False(task.Execute(), engine.Log);

        var error = Assert.Single(engine.Errors);
        Assert.Equal("DS1002", error.Code);
        Assert.Equal(path, error.File);
        Assert.Equal((8, 7), (error.Line, error.Column));
        Assert.EndsWith("[spec.template.metadata.labels]", error.Message, StringComparison.Ordinal);
        Assert.Empty(engine.Warnings);
    }

    [Fact]
    public void Message_IsTheServersShortText_TheHintIsADetailedMessage()
    {
        var path = this.project.Write("deploy/ds.yaml", Manifests.NoSelector);
        var (task, engine) = this.project.Task(this.project.Item("deploy/ds.yaml"));

        Assert.False(task.Execute(), engine.Log);

        var error = Assert.Single(engine.Errors);
        Assert.Equal(
            "Invalid value: {app: \"fluentd\"}: `selector` does not match template `labels`: spec.selector is required in apps/v1 (it is no longer defaulted from the template labels, and a missing selector matches nothing) [spec.template.metadata.labels]",
            error.Message);
        Assert.DoesNotContain("http", error.Message, StringComparison.Ordinal);
        var hint = Assert.Single(engine.Messages, m => m.Message.Contains(" hint: ", StringComparison.Ordinal));
        Assert.Equal(MessageImportance.Low, hint.Importance);
        Assert.Equal($"DaemonLint: {path}(8,7): DS1002 hint: Add spec.selector.matchLabels with the template labels, e.g. {{app: \"fluentd\"}}", hint.Message);
    }

    [Fact]
    public void RemovedApiVersion_LogsDS6001_AndWhatComesNextAsAppsV1()
    {
        var path = this.project.Write("deploy/ds.yaml", Manifests.NoSelector.Replace("apiVersion: apps/v1", "apiVersion: apps/v1beta2", StringComparison.Ordinal));
        var (task, engine) = this.project.Task(this.project.Item("deploy/ds.yaml"));

        Assert.False(task.Execute(), engine.Log);

        Assert.Equal(new[] { "DS1002", "DS6001" }, engine.Errors.Select(e => e.Code).OrderBy(c => c, StringComparer.Ordinal));
        var next = Assert.Single(engine.Errors, e => e.Code == "DS1002");
        Assert.Equal((path, 8, 7), (next.File, next.Line, next.Column));
        Assert.EndsWith(" (as apps/v1) [spec.template.metadata.labels]", next.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(as apps/v1)", Assert.Single(engine.Errors, e => e.Code == "DS6001").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidManifest_Succeeds()
    {
        this.project.Write("deploy/ds.yaml", Manifests.Valid);
        var (task, engine) = this.project.Task(this.project.Item("deploy/ds.yaml"));

        Assert.True(task.Execute(), engine.Log);
        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
        Assert.Single(task.ValidatedManifests);
    }

    [Fact]
    public void FilesWithoutDaemonSets_AreSkippedQuietly()
    {
        this.project.Write("deploy/cm.yaml", Manifests.ConfigMap);
        this.project.Write("charts/templates/svc.yaml", Manifests.HelmTemplate);
        this.project.Write("ci.yml", "on: [push]\njobs: {build: {runs-on: ubuntu-latest}}\n");
        this.project.Write("deploy/ds.yaml", Manifests.Valid);
        var (task, engine) = this.project.Task(
            this.project.Item("deploy/cm.yaml"), this.project.Item("charts/templates/svc.yaml"), this.project.Item("ci.yml"), this.project.Item("deploy/ds.yaml"));

        Assert.True(task.Execute(), engine.Log);
        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
        Assert.Equal(Path.Combine(this.project.Root, "deploy/ds.yaml"), Assert.Single(task.ValidatedManifests).ItemSpec);
    }

    [Fact]
    public void BrokenYamlThatNamesADaemonSet_IsReported()
    {
        var path = this.project.Write("ds.yaml", "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x\n");
        var (task, engine) = this.project.Task(this.project.Item("ds.yaml"));

        Assert.False(task.Execute(), engine.Log);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("DS9001", error.Code);
        Assert.Equal(path, error.File);
        Assert.True(error.Line > 0, engine.Log);
    }

    [Fact]
    public void EditorConfig_LowersErrorToWarning()
    {
        this.project.Write(".editorconfig", "root = true\n[*.{yaml,yml}]\ndotnet_diagnostic.DS1002.severity = warning\n");
        var path = this.project.Write("deploy/ds.yaml", Manifests.NoSelector);
        var (task, engine) = this.project.Task(this.project.Item("deploy/ds.yaml"));

        Assert.True(task.Execute(), engine.Log);
        Assert.Empty(engine.Errors);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal(("DS1002", path, 8, 7), (warning.Code, warning.File, warning.Line, warning.Column));
    }

    [Fact]
    public void EditorConfig_None_TurnsTheRuleOff()
    {
        this.project.Write(".editorconfig", "root = true\n[*.yaml]\ndotnet_diagnostic.DS1002.severity = none\n");
        this.project.Write("deploy/ds.yaml", Manifests.NoSelector);
        var (task, engine) = this.project.Task(this.project.Item("deploy/ds.yaml"));

        Assert.True(task.Execute(), engine.Log);
        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
        Assert.DoesNotContain(engine.Messages, m => m.Code == "DS1002");
    }

    [Fact]
    public void EditorConfig_Suggestion_IsAMessageWithTheCode()
    {
        this.project.Write(".editorconfig", "root = true\n[*.yaml]\ndotnet_diagnostic.DS1002.severity = suggestion\n");
        var path = this.project.Write("deploy/ds.yaml", Manifests.NoSelector);
        var (task, engine) = this.project.Task(this.project.Item("deploy/ds.yaml"));

        Assert.True(task.Execute(), engine.Log);
        var info = Assert.Single(engine.Messages, m => m.Code == "DS1002");
        Assert.Equal((path, 8, 7, MessageImportance.Normal), (info.File, info.Line, info.Column, info.Importance));
    }

    [Fact]
    public void EditorConfig_NearerFileRaisesWhatTheParentLowered()
    {
        this.project.Write(".editorconfig", "root = true\n[*.yaml]\ndotnet_diagnostic.DS1002.severity = suggestion\n");
        this.project.Write("strict/.editorconfig", "[*.yaml]\ndotnet_diagnostic.DS1002.severity = error\n");
        var lax = this.project.Write("lax/ds.yaml", Manifests.NoSelector);
        var strict = this.project.Write("strict/ds.yaml", Manifests.NoSelector);
        var (task, engine) = this.project.Task(this.project.Item("lax/ds.yaml"), this.project.Item("strict/ds.yaml"));

        Assert.False(task.Execute(), engine.Log);
        Assert.Equal(strict, Assert.Single(engine.Errors).File);
        Assert.Equal(lax, Assert.Single(engine.Messages, m => m.Code == "DS1002").File);
    }

    [Fact]
    public void EditorConfig_SectionForOtherFiles_DoesNotApply()
    {
        this.project.Write(".editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.DS1002.severity = none\n");
        this.project.Write("ds.yaml", Manifests.NoSelector);
        var (task, engine) = this.project.Task(this.project.Item("ds.yaml"));

        Assert.False(task.Execute(), engine.Log);
        Assert.Equal("DS1002", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void UnreadableFile_IsDS9002OnThatFile_AndTheOthersAreStillValidated()
    {
        var unreadable = this.project.Write("a.yaml", Manifests.Valid);
        var other = this.project.Write("b.yaml", Manifests.NoSelector);
        var fs = new FailingFileSystem();
        fs.ReadFailures[unreadable] = new UnauthorizedAccessException("Access to the path is denied.");
        var (task, engine) = this.project.Task(fs, null, this.project.Item("a.yaml"), this.project.Item("b.yaml"));

        Assert.False(task.Execute(), engine.Log);
        Assert.Collection(
            engine.Errors,
            e => Assert.Equal(("DS9002", unreadable), (e.Code, e.File)),
            e => Assert.Equal(("DS1002", other), (e.Code, e.File)));
        Assert.Contains("denied", engine.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RealUnreadableFile_IsDS9002()
    {
        // A folder named like a manifest cannot be read as a file.
        Directory.CreateDirectory(Path.Combine(this.project.Root, "folder.yaml"));
        var (task, engine) = this.project.Task(this.project.Item("folder.yaml"));

        Assert.False(task.Execute(), engine.Log);
        Assert.Equal("DS9002", Assert.Single(engine.Errors).Code);
        Assert.DoesNotContain("MSB4018", engine.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void ExceptionWhileValidatingAFile_IsDS9008OnThatFile_AndTheOthersAreStillValidated()
    {
        var throwing = this.project.Write("a.yaml", Manifests.Valid);
        var other = this.project.Write("b.yaml", Manifests.NoSelector);
        var baseline = Path.Combine(this.project.Root, "prior");
        var fs = new FailingFileSystem();
        fs.ExistsFailures[baseline] = new InvalidOperationException("boom");
        var (task, engine) = this.project.Task(fs, null, this.project.Item("a.yaml", ("Baseline", "prior")), this.project.Item("b.yaml"));

        Assert.False(task.Execute(), engine.Log);
        Assert.Collection(
            engine.Errors,
            e => Assert.Equal(("DS9008", throwing), (e.Code, e.File)),
            e => Assert.Equal(("DS1002", other), (e.Code, e.File)));
        Assert.Contains("InvalidOperationException: boom", engine.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BaselineMetadata_File_ChangedSelector_IsDS1005()
    {
        this.project.Write("prior/ds.yaml", Manifests.Valid);
        var path = this.project.Write("deploy/ds.yaml", Manifests.ChangedSelector);
        var (task, engine) = this.project.Task(this.project.Item("deploy/ds.yaml", ("Baseline", "prior/ds.yaml")));

        Assert.False(task.Execute(), engine.Log);
        var error = Assert.Single(engine.Errors);
        Assert.Equal(("DS1005", path), (error.Code, error.File));
        Assert.Equal((6, 3), (error.Line, error.Column));
    }

    [Fact]
    public void BaselineMetadata_Folder_ChangedSelector_IsDS1005()
    {
        this.project.Write("prior/a/ds.yaml", Manifests.Valid);
        this.project.Write("deploy/ds.yaml", Manifests.ChangedSelector);
        var (task, engine) = this.project.Task(this.project.Item("deploy/ds.yaml", ("Baseline", "prior")));

        Assert.False(task.Execute(), engine.Log);
        Assert.Equal("DS1005", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void BaselineMetadata_SameSelector_Succeeds()
    {
        this.project.Write("prior/ds.yaml", Manifests.Valid);
        this.project.Write("deploy/ds.yaml", Manifests.Valid);
        var (task, engine) = this.project.Task(this.project.Item("deploy/ds.yaml", ("Baseline", "prior/ds.yaml")));

        Assert.True(task.Execute(), engine.Log);
    }

    [Fact]
    public void BaselineMetadata_Missing_IsConfigurationError()
    {
        var path = this.project.Write("deploy/ds.yaml", Manifests.Valid);
        var (task, engine) = this.project.Task(this.project.Item("deploy/ds.yaml", ("Baseline", "nowhere.yaml")));

        Assert.False(task.Execute(), engine.Log);
        Assert.Equal(("DS9009", path), (engine.Errors[0].Code, engine.Errors[0].File));
    }

    [Fact]
    public void BaselineRef_ChangedSelector_IsDS1005_ReadAtTheVerifiedCommitWithEndOfOptions()
    {
        var path = this.project.Write("deploy/ds.yaml", Manifests.ChangedSelector);
        var git = new FakeGit { Revision = "origin/main" };
        git.Files[path] = Manifests.Valid;
        var (task, engine) = this.project.Task(null, git, this.project.Item("deploy/ds.yaml"));
        task.BaselineRef = "origin/main";

        Assert.False(task.Execute(), engine.Log);
        Assert.Equal("DS1005", Assert.Single(engine.Errors).Code);
        Assert.Contains(git.Calls, c => c.SequenceEqual(new[] { "rev-parse", "--verify", "--quiet", "--end-of-options", "origin/main^{commit}" }));
        Assert.Contains(git.Calls, c => c.SequenceEqual(new[] { "cat-file", "--end-of-options", "blob", FakeGit.Commit + ":deploy/ds.yaml" }));
    }

    [Fact]
    public void BaselineRef_FileAbsentAtRevision_HasNoBaseline()
    {
        this.project.Write("deploy/ds.yaml", Manifests.ChangedSelector);
        var (task, engine) = this.project.Task(null, new FakeGit(), this.project.Item("deploy/ds.yaml"));
        task.BaselineRef = "HEAD";

        Assert.True(task.Execute(), engine.Log);
        Assert.Empty(engine.Errors);
    }

    [Theory]
    [InlineData("no-such-branch")]
    [InlineData("--output=/tmp/x")]
    public void BaselineRef_NotACommit_IsConfigurationError(string revision)
    {
        this.project.Write("deploy/ds.yaml", Manifests.Valid);
        var (task, engine) = this.project.Task(null, new FakeGit(), this.project.Item("deploy/ds.yaml"));
        task.BaselineRef = revision;

        Assert.False(task.Execute(), engine.Log);
        Assert.Equal("DS9009", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void Nodes_FeedThePlacementRules_TheItemsInventoryWins_AndAMissingOneIsReported()
    {
        this.project.Write("hdd-nodes.yaml", "apiVersion: v1\nkind: Node\nmetadata: {name: n1, labels: {disktype: hdd}}\n");
        this.project.Write("inventory/ssd.yaml", "apiVersion: v1\nkind: Node\nmetadata: {name: n2, labels: {disktype: ssd}}\n");
        var path = this.project.Write("deploy/ds.yaml", Manifests.Valid + "\n      nodeSelector:\n        disktype: ssd\n");

        // Without an inventory the placement rules have nothing to place against.
        var (plain, plainEngine) = this.project.Task(this.project.Item("deploy/ds.yaml"));
        Assert.True(plain.Execute(), plainEngine.Log);
        Assert.Empty(plainEngine.Warnings);

        // The project's inventory has no ssd node: the DaemonSet would run nowhere (a warning, at the nodeSelector).
        var (project, projectEngine) = this.project.Task(this.project.Item("deploy/ds.yaml"));
        project.Nodes = "hdd-nodes.yaml";
        Assert.True(project.Execute(), projectEngine.Log);
        var warning = Assert.Single(projectEngine.Warnings);
        Assert.Equal(("DS3006", path, 17), (warning.Code, warning.File, warning.Line)); // the nodeSelector line

        // The item's inventory (a folder) wins over the project's, and it has an ssd node.
        var (item, itemEngine) = this.project.Task(this.project.Item("deploy/ds.yaml", ("Nodes", "inventory")));
        item.Nodes = "hdd-nodes.yaml";
        Assert.True(item.Execute(), itemEngine.Log);
        Assert.Empty(itemEngine.Warnings);

        var (bad, badEngine) = this.project.Task(this.project.Item("deploy/ds.yaml"));
        bad.Nodes = "missing-nodes.yaml";
        Assert.False(bad.Execute(), badEngine.Log);
        Assert.Equal(("DS9009", path), (badEngine.Errors[0].Code, badEngine.Errors[0].File));
    }

    [Fact]
    public void Findings_AreLoggedInPathOrder_WhateverTheItemOrder()
    {
        var a = this.project.Write("a/ds.yaml", Manifests.NoSelector);
        var b = this.project.Write("b/ds.yaml", Manifests.NoSelector);
        var (task, engine) = this.project.Task(this.project.Item("b/ds.yaml"), this.project.Item("a/ds.yaml"), this.project.Item("b/ds.yaml"));

        Assert.False(task.Execute(), engine.Log);
        Assert.Equal(new[] { a, b }, engine.Errors.Select(e => e.File));
    }

    [Theory]
    [InlineData("suggestion", "info", "error")]
    [InlineData("suggestion", "warning", "message")]
    [InlineData("suggestion", "error", "message")]
    [InlineData("warning", "warning", "error")]
    [InlineData("warning", "error", "warning")]
    public void FailOn_TurnsFindingsAtOrAboveItIntoErrors(string severity, string failOn, string expected)
    {
        this.project.Write(".editorconfig", "root = true\n[*.yaml]\ndotnet_diagnostic.DS1002.severity = " + severity + "\n");
        this.project.Write("ds.yaml", Manifests.NoSelector);
        var (task, engine) = this.project.Task(this.project.Item("ds.yaml"));
        task.FailOn = failOn;

        var ok = task.Execute();

        Assert.Equal(expected != "error", ok);
        var all = engine.Errors.Concat(engine.Warnings).Concat(engine.Messages).Where(d => d.Code == "DS1002");
        Assert.Equal(expected, Assert.Single(all).Severity);
    }

    [Fact]
    public void FailOn_Invalid_IsConfigurationError()
    {
        this.project.Write("ds.yaml", Manifests.Valid);
        var (task, engine) = this.project.Task(this.project.Item("ds.yaml"));
        task.FailOn = "sometimes";

        Assert.False(task.Execute(), engine.Log);
        Assert.Equal("DS9009", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void CompilerWarningProperties_ApplyToDowngradedFindings()
    {
        this.project.Write(".editorconfig", "root = true\n[*.yaml]\ndotnet_diagnostic.DS1002.severity = warning\n");
        this.project.Write("ds.yaml", Manifests.NoSelector);

        var (asError, e1) = this.project.Task(this.project.Item("ds.yaml"));
        asError.TreatWarningsAsErrors = true;
        Assert.False(asError.Execute(), e1.Log);
        Assert.Equal("DS1002", Assert.Single(e1.Errors).Code);

        var (silenced, e2) = this.project.Task(this.project.Item("ds.yaml"));
        silenced.TreatWarningsAsErrors = true;
        silenced.NoWarn = "1701;1702;DS1002";
        Assert.True(silenced.Execute(), e2.Log);
        Assert.Empty(e2.Warnings);
        Assert.Equal(MessageImportance.Low, Assert.Single(e2.Messages, m => m.Code == "DS1002").Importance);
    }
}
