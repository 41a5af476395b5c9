using System.Collections.Generic;
using DaemonLint.Engine;

namespace DaemonLint.Hosting;

/// <summary>
/// Prior versions of objects from files (<c>--baseline</c>, MSBuild's <c>Baseline</c> metadata), read through the one reader;
/// indexed per namespace in force, since objects that name no namespace belong to the one they are applied to.
/// </summary>
public sealed class BaselineFiles
{
    private readonly Dictionary<string, BaselineIndex> byNamespace = new(System.StringComparer.Ordinal);

    private BaselineFiles(DataLoad load) => this.Load = load;

    /// <summary>Gets what was read (objects, missing paths, problems of the files).</summary>
    public DataLoad Load { get; }

    /// <summary>Reads prior versions from files or folders.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="paths">The paths.</param>
    /// <returns>The prior versions.</returns>
    public static BaselineFiles Read(InputReader reader, IEnumerable<string> paths) => new(DataLoad.Read(reader, paths));

    /// <summary>Gets the index for a namespace in force.</summary>
    /// <param name="defaultNamespace">The namespace of objects that name none.</param>
    /// <returns>The index.</returns>
    /// <remarks>Safe from several threads (files are checked in parallel); each index is built once.</remarks>
    public BaselineIndex IndexFor(string defaultNamespace)
    {
        lock (this.byNamespace)
        {
            if (!this.byNamespace.TryGetValue(defaultNamespace, out var index))
            {
                index = new BaselineIndex(defaultNamespace);
                foreach (var o in this.Load.Objects)
                {
                    index.Add(o);
                }

                this.byNamespace.Add(defaultNamespace, index);
            }

            return index;
        }
    }
}

/// <summary>
/// Prior versions from git, for every host: each file's version at a verified commit (following renames between that commit
/// and the index or the work tree), and with <see cref="Staged"/> the content to check read from the index instead of the work tree.
/// </summary>
public sealed class GitBaseline
{
    private readonly Dictionary<string, string> renames;

    private GitBaseline(GitClient git, string revision, string? commit, bool staged)
    {
        this.Git = git;
        this.Revision = revision;
        this.Commit = commit;
        this.Staged = staged;
        this.renames = commit is null ? new Dictionary<string, string>() : git.Renames(commit, staged);
    }

    /// <summary>Gets the git client.</summary>
    public GitClient Git { get; }

    /// <summary>Gets the revision as the user named it (shown in the baseline's file name, <c>HEAD:deploy/ds.yaml</c>).</summary>
    public string Revision { get; }

    /// <summary>Gets the verified commit id, or null before the first commit of a repository (implicit <c>HEAD</c> only: no prior versions).</summary>
    public string? Commit { get; }

    /// <summary>Gets a value indicating whether the content to check is the index's (pre-commit) rather than the work tree's.</summary>
    public bool Staged { get; }

    /// <summary>Opens the repository of a folder and verifies the revision.</summary>
    /// <param name="folder">The folder (the current folder, the project folder).</param>
    /// <param name="revision">The revision (default <c>HEAD</c>).</param>
    /// <param name="staged">Whether to check the index's content.</param>
    /// <param name="git">The git runner, or the real git.</param>
    /// <returns>The baseline source.</returns>
    /// <exception cref="GitException">No repository, an unusable revision, or git failed: a configuration error.</exception>
    public static GitBaseline Open(string folder, string? revision, bool staged, IGitProcess? git = null)
    {
        var client = GitClient.Open(folder, git);
        if (string.IsNullOrWhiteSpace(revision))
        {
            // The implicit HEAD of --staged (pre-commit): before a repository's first commit there is none, and nothing is a change.
            string? head;
            try
            {
                head = client.VerifyCommit("HEAD");
            }
            catch (GitException) when (client.IsUnborn())
            {
                head = null;
            }

            return new GitBaseline(client, "HEAD", head, staged);
        }

        var rev = revision!.Trim();
        return new GitBaseline(client, rev, client.VerifyCommit(rev), staged);
    }

    /// <summary>Reads the content to check from the index (with <see cref="Staged"/>).</summary>
    /// <param name="file">The file.</param>
    /// <param name="limits">The reader's limits.</param>
    /// <returns>The bytes or a problem; null when the file is not in the index (deleted: nothing to check).</returns>
    public ReadResult? StagedContent(SourceFile file, Yaml.ReaderLimits limits)
    {
        if (file.FullPath is null)
        {
            return null;
        }

        var bytes = this.Git.Show(null, file.FullPath);
        if (bytes is null)
        {
            return null;
        }

        return bytes.LongLength > limits.MaxFileBytes ? new ReadResult(null, InputProblems.TooLarge(bytes.LongLength, limits.MaxFileBytes)) : new ReadResult(bytes, null);
    }

    /// <summary>The baseline of one file: its version at the commit (under its old name when renamed) over the shared index.</summary>
    /// <param name="file">The file.</param>
    /// <param name="shared">The prior versions from files, or null.</param>
    /// <param name="reader">The reader (limits, problems).</param>
    /// <param name="defaultNamespace">The namespace of objects that name none.</param>
    /// <returns>The index to validate the file against.</returns>
    public BaselineIndex? For(SourceFile file, BaselineIndex? shared, InputReader reader, string defaultNamespace)
    {
        if (file.FullPath is null)
        {
            return shared;
        }

        if (this.Commit is null)
        {
            return shared;
        }

        var oldPath = this.renames.TryGetValue(file.FullPath, out var from) ? from : file.FullPath;
        var prior = this.Git.Show(this.Commit, oldPath);
        if (prior is null || this.Git.RelativePath(oldPath) is not { } relative)
        {
            return shared;
        }

        var index = new BaselineIndex(defaultNamespace);
        if (prior.LongLength <= reader.Limits.MaxFileBytes)
        {
            // A prior version that cannot be read gives no baseline: the update rules then see a create.
            foreach (var o in reader.ParseObjects(new SourceFile(this.Revision + ":" + relative, null), new ReadResult(prior, null)).Objects)
            {
                index.Add(o);
            }
        }

        return index.Over(shared);
    }
}
