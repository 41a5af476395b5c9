using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Threading;
using DaemonLint.Engine;
using DaemonLint.Hosting;

namespace DaemonLint.Cli.Workers;

/// <summary>How to start this program again, as a worker process of <c>validate</c>.</summary>
/// <param name="FileName">The executable (the native tool, the apphost, or the dotnet host).</param>
/// <param name="Prefix">Arguments before the run's own (the tool's dll under the dotnet host).</param>
/// <param name="Args">The run's command line, which the worker parses exactly as this process did.</param>
public sealed record SelfCommand(string FileName, IReadOnlyList<string> Prefix, IReadOnlyList<string> Args)
{
    /// <summary>Gets the number of worker processes to use whatever the input, or null for the default policy
    /// (<c>DAEMONLINT_WORKERS</c>; 0 turns them off).</summary>
    public int? Workers { get; init; }

    /// <summary>The command that started this process, or null when it cannot be started again (no known executable).</summary>
    /// <param name="args">The process's arguments.</param>
    /// <returns>The command, or null.</returns>
    public static SelfCommand? OfThisProcess(string[] args)
    {
        var path = Environment.ProcessPath;
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        int? workers = null;
        if (Environment.GetEnvironmentVariable("DAEMONLINT_WORKERS") is { Length: > 0 } text)
        {
            workers = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        }

        var prefix = new List<string>();
        if (string.Equals(Path.GetFileNameWithoutExtension(path), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            // dotnet daemonlint.dll ...: the worker is dotnet with the same dll (never the case for the native tool).
            var dll = Path.Combine(AppContext.BaseDirectory, typeof(Program).Assembly.GetName().Name + ".dll");
            if (!File.Exists(dll))
            {
                return null;
            }

            prefix.Add(dll);
        }

        return new SelfCommand(path!, prefix, args) { Workers = workers };
    }
}

/// <summary>What the worker processes of one run did.</summary>
public sealed class WorkerStats
{
    /// <summary>The files the workers checked.</summary>
    public int FilesByWorkers;

    /// <summary>The files this process checked (its share, and those of workers that failed).</summary>
    public int FilesHere;

    /// <summary>The runs of documents of a large file the workers validated.</summary>
    public int RunsByWorkers;

    /// <summary>Gets or sets the number of workers started.</summary>
    public int Started { get; set; }

    /// <summary>Gets or sets how many of them were started while the inputs were listed (<see cref="EarlyWorker"/>).</summary>
    public int StartedEarly { get; set; }

    /// <summary>Gets or sets the number of workers dropped (could not answer, died, answered garbage).</summary>
    public int Failed { get; set; }
}

/// <summary>
/// Worker processes for <c>validate --jobs N</c>. The native tool's threads share one heap, and each collection stops them
/// all; its processes share nothing, and each pays its own start and heap. On two cores the processes are a little ahead
/// (1.39 against 1.33 times <c>--jobs 1</c> over 2,300 files, where two independent processes over half each reach 1.57;
/// bench/Process/RESULTS.md, session 15). The process that writes the report
/// starts up to N-1 copies of the tool with its own command line, hands them files a few at a time over their standard
/// input, reads each file's result back (<see cref="CheckedFileCodec"/>) and checks files itself meanwhile; the results
/// go into the report in input order, so the output is the sequential run's. A worker that cannot start, dies or answers
/// anything unexpected is dropped and its files are checked in this process: never a different result, only a slower one.
/// </summary>
public static class WorkerProcesses
{
    /// <summary>The first argument that makes the tool a worker (not an option: it never appears in help).</summary>
    public const string Marker = "--daemonlint-worker-v1";

    // Set in a worker's environment by its parent. Without it the marker is an unknown option (a usage error), so a person
    // who types it does not get a process waiting for binary requests on the terminal.
    private const string WorkerVariable = "DAEMONLINT_WORKER_PROTOCOL";

    // The runtime's gen0 budget (GCgen0size, hexadecimal bytes): 6 MiB for a worker, as the native tool has built in
    // (ToolPackages.targets); a framework-dependent worker gets it from here.
    private const string Gen0SizeVariable = "DOTNET_GCgen0size";
    private const string WorkerGen0Size = "600000";

    // Below these many bytes to check the work is done before a worker would be ready (a native worker starts in about
    // 10 ms), so threads do it.
    internal const long NativeThreshold = 1L << 20;
    private const int Hello = 0x31574C44; // "DLW1"
    private const int EndOfBatch = 0x444E4521;
    private const int RunRequest = -2;

    // A single file of at least this size is split into runs of documents (ManifestValidator: twice its smallest run).
    private const long LargeFileBytes = 512 * 1024;
    private const int MaxChunk = 32;

    // A request is at most this many bytes, so the two a worker holds fit in a pipe's buffer (64 KiB on Linux) and writing
    // one never waits for the worker (which may itself be waiting for this process to read its answers).
    private const int MaxRequestBytes = 16 << 10;
    private const int InFlight = 2;

    /// <summary>
    /// Checks the files with worker processes when that is worth it, returning the results in input order; null when the
    /// run should use threads instead (one job, few bytes, no executable, or <c>DAEMONLINT_WORKERS=0</c>).
    /// </summary>
    /// <param name="self">How to start this program again, or null.</param>
    /// <param name="workspace">The workspace.</param>
    /// <param name="files">The files.</param>
    /// <param name="sources">Baselines and nodes.</param>
    /// <param name="stdin">Standard input, for <see cref="SourceFile.Stdin"/> (checked in this process).</param>
    /// <param name="jobs">The largest number of files checked at once.</param>
    /// <param name="currentDirectory">The folder the workers run in (they resolve the command line against it).</param>
    /// <param name="stats">Filled with what the workers did, when given.</param>
    /// <returns>The results, or null.</returns>
    /// <param name="early">A worker started while the inputs were listed (<see cref="EarlyWorker"/>), or null: used as the
    /// first worker when the run wants one, else ended.</param>
    public static CheckedFile[]? TryCheckAll(SelfCommand? self, Workspace workspace, IReadOnlyList<SourceFile> files, CheckSources sources, Stream? stdin, int jobs, string currentDirectory, WorkerStats? stats = null, EarlyWorker? early = null)
    {
        stats ??= new WorkerStats();
        var oneLargeFile = false;
        var count = self is null ? 0 : WorkerCount(self, files, jobs, out oneLargeFile);
        if (count == 0)
        {
            early?.Dispose();
            return null;
        }

        Func<SourceFile, List<DaemonLint.Engine.IgnoreEntry>?> ignoreOf = file => workspace.ContextFor(file, sources.Nodes).Configuration?.Suppressions.Ignore;
        var workers = new List<Worker>();
        if (early?.Take(ignoreOf) is { } first)
        {
            workers.Add(first);
            stats.StartedEarly = 1;
        }

        for (var i = workers.Count; i < count; i++)
        {
            if (Worker.TryStart(self!, currentDirectory, ignoreOf) is { } w)
            {
                workers.Add(w);
            }
        }

        if (workers.Count == 0)
        {
            return null;
        }

        stats.Started = workers.Count;
        StartupTrace.Mark($"{workers.Count} worker process(es) started ({stats.StartedEarly} while the inputs were listed)");

        // Every file's configuration first, in input order, as the threaded run does: configuration files are read (and
        // their findings listed) in the sequential run's order.
        foreach (var file in files)
        {
            workspace.ContextFor(file, sources.Nodes);
        }

        if (oneLargeFile)
        {
            return CheckRuns(workers, workspace, files, sources, stdin, stats);
        }

        var results = new CheckedFile[files.Count];
        var failures = new ExceptionDispatchInfo?[files.Count];
        var queue = new ChunkQueue(files, workers.Count + 1);
        void CheckHere(IReadOnlyList<int> chunk)
        {
            Interlocked.Add(ref stats.FilesHere, chunk.Count);
            foreach (var i in chunk)
            {
                try
                {
                    results[i] = workspace.Check(files[i], sources, stdin, 1);
                }
                catch (Exception ex)
                {
                    failures[i] = ExceptionDispatchInfo.Capture(ex);
                }
            }
        }

        var feeders = new List<Thread>();
        foreach (var worker in workers)
        {
            var feeder = new Thread(() => worker.Feed(queue, files, results, CheckHere, stats))
            { IsBackground = true, Name = "daemonlint worker feeder" };
            feeder.Start();
            feeders.Add(feeder);
        }

        CheckHere(queue.HereOnly);
        while (queue.Take() is { } chunk)
        {
            CheckHere(chunk);
        }

        feeders.ForEach(t => t.Join());
        stats.Failed = workers.FindAll(w => w.Failed).Count;
        StartupTrace.Mark($"files checked: {stats.FilesByWorkers} by workers, {stats.FilesHere} here, {stats.Failed} worker(s) failed, {queue.Chunks} chunks");
        foreach (var failure in failures)
        {
            failure?.Throw();
        }

        return results;
    }

    // One large file: its runs of documents are validated on this process's thread and by the workers, one run each at a
    // time (a run's bytes go over the pipe; positions and document indexes travel with it), joined in file order by the
    // validator. A run a busy or failed worker cannot take is validated here.
    private static CheckedFile[] CheckRuns(List<Worker> workers, Workspace workspace, IReadOnlyList<SourceFile> files, CheckSources sources, Stream? stdin, WorkerStats stats)
    {
        var free = new Stack<Worker>(workers);
        var results = new CheckedFile[files.Count];
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                var file = files[i];
                RunElsewhere? elsewhere = null;
                if (!file.IsStdin)
                {
                    elsewhere = (byte[] bytes, DaemonLint.Yaml.DocumentRun run, out DaemonLint.Engine.FileReport? part) =>
                    {
                        Worker? w;
                        lock (free)
                        {
                            w = free.Count > 0 ? free.Pop() : null;
                        }

                        part = null;
                        if (w is null || !w.TryRun(file, bytes, run, out part))
                        {
                            return false;
                        }

                        Interlocked.Increment(ref stats.RunsByWorkers);
                        lock (free)
                        {
                            free.Push(w);
                        }

                        return true;
                    };
                }

                // Threads: this one and one per worker, so no two threads of this process parse at once.
                results[i] = workspace.Check(file, sources, stdin, workers.Count + 1, elsewhere);
            }
        }
        finally
        {
            workers.ForEach(w => w.Stop());
        }

        stats.Failed = workers.FindAll(w => w.Failed).Count;
        StartupTrace.Mark($"file checked: {stats.RunsByWorkers} runs by workers, {stats.Failed} worker(s) failed");
        return results;
    }

    /// <summary>Serves as a worker: reads batches of files from <paramref name="input"/> until it ends, checks each one and writes the results to <paramref name="output"/>.</summary>
    /// <param name="workspace">The workspace, set up from the same command line as the parent's.</param>
    /// <param name="sources">Baselines and nodes, loaded as the parent loaded them.</param>
    /// <param name="input">The parent's requests.</param>
    /// <param name="output">The results.</param>
    /// <returns>The exit code: 0 when the parent closed the channel, 2 on a malformed request.</returns>
    public static int Serve(Workspace workspace, CheckSources sources, Stream input, Stream output)
    {
        // Buffered: standard input is not, and the codec reads strings by code unit (a system call each, unbuffered: 14% of
        // a worker's time went to reading file names). The buffer is pinned from the start (see PinnedReadBuffer): the
        // worker waits for requests inside the read.
        using var reader = new BinaryReader(new PinnedReadBuffer(input, 1 << 16));
        using var writer = new BinaryWriter(new BufferedStream(output, 1 << 16));
        writer.Write(Hello);
        writer.Flush();
        SourceFile? lastFile = null;
        DaemonLint.Engine.BaselineIndex? lastBaseline = null;
        var runBytes = Array.Empty<byte>(); // one buffer for every run: a run is megabytes, each its own array would wait for a full collection
        while (true)
        {
            int n;
            try
            {
                n = reader.ReadInt32();
            }
            catch (EndOfStreamException)
            {
                return Program.ExitOk;
            }

            if (n == RunRequest)
            {
                var file = CheckedFileCodec.ReadFile(reader);
                var linesBefore = reader.ReadInt32();
                var charsBefore = reader.ReadInt32();
                var firstDocument = reader.ReadInt32();
                var documents = reader.ReadInt32();
                var length = reader.ReadInt32();
                if (length < 0)
                {
                    return Program.ExitUsage;
                }

                if (runBytes.Length < length)
                {
                    runBytes = new byte[length];
                }

                for (var read = 0; read < length;)
                {
                    var got = reader.Read(runBytes, read, length - read);
                    if (got <= 0)
                    {
                        return Program.ExitUsage; // the parent went away mid-request
                    }

                    read += got;
                }

                var run = new DaemonLint.Yaml.DocumentRun(0, length, linesBefore, charsBefore, firstDocument, documents);
                if (lastFile != file)
                {
                    // The prior versions once per file (the git baseline reads the file at the revision).
                    lastBaseline = workspace.BaselineFor(file, sources);
                    lastFile = file;
                }

                var context = workspace.ContextFor(file, sources.Nodes);
                var before = UsesOf(context);
                CheckedFileCodec.WriteReport(writer, context.Validator.ValidateRun(file.DisplayName, runBytes, run, lastBaseline));
                WriteUsesSince(writer, context, before);
                writer.Write(EndOfBatch);
                writer.Flush();
                continue;
            }

            if (n <= 0)
            {
                return n == 0 ? Program.ExitOk : Program.ExitUsage;
            }

            // The whole request first: the parent writes the next one while this one is checked, and never waits for it.
            var batch = new (int Index, SourceFile File)[n];
            for (var k = 0; k < n; k++)
            {
                batch[k] = (reader.ReadInt32(), CheckedFileCodec.ReadFile(reader));
            }

            foreach (var (index, file) in batch)
            {
                var context = workspace.ContextFor(file, sources.Nodes);
                var before = UsesOf(context);
                writer.Write(index);
                CheckedFileCodec.Write(writer, workspace.Check(file, sources, (Stream?)null, 1));
                WriteUsesSince(writer, context, before);
            }

            writer.Write(EndOfBatch);
            writer.Flush();
        }
    }

    // How many findings each ignore entry of a context's configuration has suppressed so far in this worker.
    private static int[] UsesOf(ProjectContext context)
    {
        var entries = context.Configuration?.Suppressions.Ignore;
        if (entries is null || entries.Count == 0)
        {
            return Array.Empty<int>();
        }

        var uses = new int[entries.Count];
        for (var i = 0; i < uses.Length; i++)
        {
            uses[i] = entries[i].Uses;
        }

        return uses;
    }

    // After a file's result: the ignore entries its check used, and how often (the parent adds them to its own entries).
    private static void WriteUsesSince(BinaryWriter writer, ProjectContext context, int[] before)
    {
        var after = UsesOf(context);
        var changed = 0;
        for (var i = 0; i < after.Length; i++)
        {
            changed += after[i] != before[i] ? 1 : 0;
        }

        writer.Write(changed);
        for (var i = 0; i < after.Length; i++)
        {
            if (after[i] != before[i])
            {
                writer.Write(i);
                writer.Write(after[i] - before[i]);
            }
        }
    }

    /// <summary>Whether this process was started as a worker: the marker first, and the variable its parent sets.</summary>
    /// <param name="args">The process's arguments.</param>
    /// <returns>True for a worker.</returns>
    public static bool IsWorker(string[] args) =>
        args.Length > 0 && args[0] == Marker && Environment.GetEnvironmentVariable(WorkerVariable) == Marker;

    // How many workers: up to one per processor beside this process's, no more than files to share out (one file: its runs),
    // none when there is too little to check for a worker to be ready in time.
    private static int WorkerCount(SelfCommand self, IReadOnlyList<SourceFile> files, int jobs, out bool oneLargeFile)
    {
        var candidates = 0;
        foreach (var f in files)
        {
            candidates += f.IsStdin ? 0 : 1;
        }

        oneLargeFile = candidates == 1;
        var limit = oneLargeFile ? int.MaxValue : candidates - 1;
        var count = Math.Max(0, Math.Min(MostWorkers(self, jobs), limit));
        if (self.Workers is not null || count == 0)
        {
            return count;
        }

        // One file must be large enough to be split.
        var threshold = oneLargeFile ? Math.Max(NativeThreshold, LargeFileBytes) : NativeThreshold;
        long bytes = 0;
        foreach (var f in files)
        {
            if (f.FullPath is { } path)
            {
                try
                {
                    bytes += new FileInfo(path).Length;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    // Not readable as a file: its problem is reported when it is checked.
                }

                if (bytes >= threshold)
                {
                    return count;
                }
            }
        }

        return 0;
    }

    // The most workers a run may have, whatever its input: those asked for (DAEMONLINT_WORKERS), else one per processor beside
    // this process's for the native tool. Native AOT cannot compile code at run time; that is the cheap worker. A
    // framework-dependent one spends 200 ms or more starting and compiling, and its threads do as well as its workers on two
    // cores while holding one heap, not two (bench/Process/RESULTS.md, session 9), so it uses threads unless told otherwise.
    internal static int MostWorkers(SelfCommand self, int jobs) =>
        self.Workers ?? (System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeCompiled ? 0 : Math.Min(jobs, Environment.ProcessorCount) - 1);

    // Chunks of file indexes, guided: a quarter of an even share of what is left, at most MaxChunk, so the last ones are
    // single files and no participant waits long for another. Standard input is only ever checked in this process.
    internal sealed class ChunkQueue
    {
        private readonly List<int> order = new();
        private readonly IReadOnlyList<SourceFile> files;
        private readonly int participants;
        private int next;

        public ChunkQueue(IReadOnlyList<SourceFile> files, int participants)
        {
            this.files = files;
            this.participants = participants;
            for (var i = 0; i < files.Count; i++)
            {
                (files[i].IsStdin ? this.HereOnly : this.order).Add(i);
            }
        }

        public List<int> HereOnly { get; } = new();

        public int Chunks { get; private set; }

        public List<int>? Take()
        {
            lock (this.order)
            {
                var left = this.order.Count - this.next;
                if (left == 0)
                {
                    return null;
                }

                var size = Math.Max(1, Math.Min(MaxChunk, left / (this.participants * 4)));
                var chunk = new List<int>(size);
                var bytes = 0;
                while (chunk.Count < size && this.next < this.order.Count)
                {
                    var file = this.files[this.order[this.next]];
                    bytes += 16 + (2 * (file.DisplayName.Length + (file.FullPath?.Length ?? 0)));
                    if (chunk.Count > 0 && bytes > MaxRequestBytes)
                    {
                        break;
                    }

                    chunk.Add(this.order[this.next++]);
                }

                this.Chunks++;
                return chunk;
            }
        }
    }

    /// <summary>The environment of a worker: its parent's, marked as a worker's, without the trace (the parent traces).</summary>
    /// <param name="environment">The parent's environment, changed in place.</param>
    internal static void PrepareEnvironment(IDictionary<string, string?> environment)
    {
        environment.Remove("DAEMONLINT_TRACE");
        environment[WorkerVariable] = Marker;

        // A worker holds a run or a chunk of files at a time: a small first generation keeps it small (the default
        // budget follows the processor's cache, tens of MB here), for a few more collections of few live objects.
        // A budget the user set for the run is theirs, and the workers inherit it.
        if (!environment.TryGetValue(Gen0SizeVariable, out var set) || string.IsNullOrEmpty(set))
        {
            environment[Gen0SizeVariable] = WorkerGen0Size;
        }
    }

    internal sealed class Worker
    {
        private readonly Process process;
        private readonly BinaryWriter requests;
        private readonly BinaryReader answers;

        // The ignore entries of a file's configuration in this process: a worker's findings come back already filtered by
        // its own copies, so the uses it counted are added to these (an entry that suppressed only there is not unused).
        private Func<SourceFile, List<DaemonLint.Engine.IgnoreEntry>?> ignoreOf;

        private Worker(Process process, Func<SourceFile, List<DaemonLint.Engine.IgnoreEntry>?> ignoreOf)
        {
            this.process = process;
            this.ignoreOf = ignoreOf;
            this.requests = new BinaryWriter(new BufferedStream(process.StandardInput.BaseStream, 1 << 14));
            // This thread waits for answers inside the read nearly all the time: the buffer it waits with is pinned from the
            // start (see PinnedReadBuffer), so the collections of this process never find a pinned array among their young.
            this.answers = new BinaryReader(new PinnedReadBuffer(process.StandardOutput.BaseStream, 1 << 16));
        }

        private bool greeted;

        public bool Failed { get; private set; }

        // A worker started before the run had its configurations (EarlyWorker) is told where its ignore entries are.
        public Func<SourceFile, List<DaemonLint.Engine.IgnoreEntry>?> IgnoreOf
        {
            set => this.ignoreOf = value;
        }

        public int ProcessId => this.process.Id;

        // A worker the run turned out not to need: it has been asked nothing, so it is ended without waiting for it.
        public void Abandon()
        {
            this.Kill();
            this.process.Dispose();
        }

        public static Worker? TryStart(SelfCommand self, string currentDirectory, Func<SourceFile, List<DaemonLint.Engine.IgnoreEntry>?> ignoreOf)
        {
            var psi = new ProcessStartInfo(self.FileName)
            {
                WorkingDirectory = currentDirectory,
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var a in self.Prefix)
            {
                psi.ArgumentList.Add(a);
            }

            psi.ArgumentList.Add(Marker);
            foreach (var a in self.Args)
            {
                psi.ArgumentList.Add(a);
            }

            PrepareEnvironment(psi.Environment);
            try
            {
                var process = Process.Start(psi);
                if (process is null)
                {
                    return null;
                }

                // Whatever a worker says on standard error is not the run's to print (the parent says it, once, in order).
                process.ErrorDataReceived += (_, _) => { };
                process.BeginErrorReadLine();
                return new Worker(process, ignoreOf);
            }
            catch (Exception)
            {
                // No process (no fork allowed, no file descriptors left, no executable): the run uses threads.
                return null;
            }
        }

        // Keeps two chunks with the worker (it starts the next one without waiting for this thread to be scheduled) and
        // stores each chunk's results once all of them are read. When anything goes wrong the worker is dropped and the
        // chunks it held, and all later ones this thread takes, are checked in this process.
        public void Feed(ChunkQueue queue, IReadOnlyList<SourceFile> files, CheckedFile[] results, Action<IReadOnlyList<int>> checkHere, WorkerStats stats)
        {
            var held = new Queue<List<int>>();
            try
            {
                // Held before sent: a chunk whose request fails is still this thread's to check.
                for (var d = 0; d < InFlight && queue.Take() is { } chunk; d++)
                {
                    held.Enqueue(chunk);
                    this.Send(files, chunk);
                }

                this.Greeted();
                while (held.Count > 0)
                {
                    this.Receive(files, held.Peek(), results);
                    Interlocked.Add(ref stats.FilesByWorkers, held.Dequeue().Count);
                    if (queue.Take() is { } next)
                    {
                        held.Enqueue(next);
                        this.Send(files, next);
                    }
                }

                this.Stop();
                return;
            }
            catch (Exception)
            {
                // Whatever it was (a broken pipe, an answer that is not one, a worker that died), the parent checks the
                // files itself: the exception must not end the run from this thread.
                this.Failed = true;
                this.Kill();
                this.process.Dispose();
            }

            foreach (var chunk in held)
            {
                checkHere(chunk);
            }

            while (queue.Take() is { } chunk)
            {
                checkHere(chunk);
            }
        }

        // Sends one run of documents (its bytes, where it is in the file) and reads its part of the report; false (and the
        // worker dropped) when anything goes wrong.
        public bool TryRun(SourceFile file, byte[] bytes, DaemonLint.Yaml.DocumentRun run, out DaemonLint.Engine.FileReport? part)
        {
            part = null;
            if (this.Failed)
            {
                return false;
            }

            try
            {
                this.Greeted();
                this.requests.Write(RunRequest);
                CheckedFileCodec.WriteFile(this.requests, file);
                this.requests.Write(run.LinesBefore);
                this.requests.Write(run.CharsBefore);
                this.requests.Write(run.FirstDocument);
                this.requests.Write(run.Documents);
                this.requests.Write(run.End - run.Start);
                this.requests.Write(bytes, run.Start, run.End - run.Start);
                this.requests.Flush();
                var report = CheckedFileCodec.ReadReport(this.answers);
                var uses = this.ReadUses(file);
                this.Expect(EndOfBatch);
                this.AddUses(file, uses);
                part = report;
                return true;
            }
            catch (Exception)
            {
                // Whatever it was, the run is validated in this process.
                part = null;
                this.Failed = true;
                this.Kill();
                return false;
            }
        }

        private void Greeted()
        {
            if (!this.greeted)
            {
                this.Expect(Hello);
                this.greeted = true;
            }
        }

        private void Send(IReadOnlyList<SourceFile> files, List<int> chunk)
        {
            this.requests.Write(chunk.Count);
            foreach (var i in chunk)
            {
                this.requests.Write(i);
                CheckedFileCodec.WriteFile(this.requests, files[i]);
            }

            this.requests.Flush();
        }

        private void Receive(IReadOnlyList<SourceFile> files, List<int> chunk, CheckedFile[] results)
        {
            var answered = new CheckedFile[chunk.Count];
            var uses = new (int Entry, int Uses)[chunk.Count][];
            for (var k = 0; k < chunk.Count; k++)
            {
                if (this.answers.ReadInt32() != chunk[k])
                {
                    throw new InvalidDataException("an answer for another file");
                }

                answered[k] = CheckedFileCodec.Read(this.answers);
                if (answered[k].File != files[chunk[k]])
                {
                    throw new InvalidDataException("an answer naming another file");
                }

                uses[k] = this.ReadUses(files[chunk[k]]);
            }

            // Nothing of a chunk counts before all of it is read: a worker that fails half-way leaves its files (and the
            // uses of their ignore entries) to this process, once.
            this.Expect(EndOfBatch);
            for (var k = 0; k < chunk.Count; k++)
            {
                results[chunk[k]] = answered[k];
                this.AddUses(files[chunk[k]], uses[k]);
            }
        }

        // The uses of the file's ignore entries the worker counted: entry indexes of this process's copy of the configuration.
        private (int Entry, int Uses)[] ReadUses(SourceFile file)
        {
            var count = this.answers.ReadInt32();
            var entries = count == 0 ? 0 : this.ignoreOf(file)?.Count ?? 0;
            if (count < 0 || count > entries)
            {
                throw new InvalidDataException("uses of ignore entries the configuration does not have");
            }

            var uses = new (int Entry, int Uses)[count];
            for (var i = 0; i < count; i++)
            {
                uses[i] = (this.answers.ReadInt32(), this.answers.ReadInt32());
                if (uses[i].Entry < 0 || uses[i].Entry >= entries || uses[i].Uses <= 0)
                {
                    throw new InvalidDataException("uses of an ignore entry the configuration does not have");
                }
            }

            return uses;
        }

        // Most files use no ignore entry: their configuration is looked up (under the workspace's lock) only when one did.
        private void AddUses(SourceFile file, (int Entry, int Uses)[] uses)
        {
            if (uses.Length == 0)
            {
                return;
            }

            var entries = this.ignoreOf(file)!;
            foreach (var (entry, count) in uses)
            {
                entries[entry].AddUses(count);
            }
        }

        public void Stop()
        {
            if (this.Failed)
            {
                this.process.Dispose();
                return;
            }

            try
            {
                this.requests.Write(0);
                this.requests.Flush();
                this.process.StandardInput.Close();
                if (!this.process.WaitForExit(2000))
                {
                    this.Kill();
                }
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
            {
                this.Kill();
            }

            this.process.Dispose();
        }
        private void Expect(int marker)
        {
            if (this.answers.ReadInt32() != marker)
            {
                throw new InvalidDataException("not a daemonlint worker");
            }
        }

        private void Kill()
        {
            try
            {
                this.process.Kill();
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                // Already gone.
            }
        }
    }
}

/// <summary>
/// A worker process started while the inputs are listed. A worker started once the files are known begins checking some
/// 40 ms after this process could have: this process's own start-up and the listing of a large tree (16-20 ms for 2,300
/// files) run with the other processor idle. Started as soon as the folder walks have found enough to check for a worker
/// to pay (<see cref="WorkerProcesses.NativeThreshold"/> in at least two files), so small runs never start one; on its own
/// thread, since starting a process takes the starting thread 4-10 ms. A worker the run turns out not to need (too few
/// bytes after all: a file given twice) is killed, having been asked nothing.
/// </summary>
public sealed class EarlyWorker : IDisposable
{
    private readonly SelfCommand? self;
    private readonly string currentDirectory;
    private readonly int? forced;
    private readonly bool allowed;
    private Thread? starter;
    private WorkerProcesses.Worker? worker;

    /// <summary>Initializes a new instance of the <see cref="EarlyWorker"/> class, which starts nothing yet.</summary>
    /// <param name="self">How to start this program again, or null (then it never starts one).</param>
    /// <param name="jobs">The run's <c>--jobs</c>.</param>
    /// <param name="currentDirectory">The folder the worker runs in.</param>
    public EarlyWorker(SelfCommand? self, int jobs, string currentDirectory)
    {
        this.self = self;
        this.currentDirectory = currentDirectory;
        this.forced = self?.Workers;

        this.allowed = self is not null && WorkerProcesses.MostWorkers(self, jobs) > 0;
    }

    /// <summary>Gets a value indicating whether a worker has been started.</summary>
    public bool Started => this.starter is not null;

    /// <summary>Whether what the walks found so far is worth a worker: enough bytes (any, when workers are asked for) in at
    /// least two files, as <see cref="WorkerProcesses"/> will decide once the listing is done.</summary>
    /// <param name="files">The manifests found so far.</param>
    /// <param name="bytes">Their size.</param>
    /// <param name="forced">The number of workers asked for, or null for the default policy.</param>
    /// <returns>True to start one now.</returns>
    public static bool WorthStarting(int files, long bytes, int? forced) =>
        files >= 2 && (forced is > 0 || bytes >= WorkerProcesses.NativeThreshold);

    /// <summary>The callback for <see cref="InputReader.Expand"/>: starts the worker once the walks have found enough.</summary>
    /// <param name="files">The manifests found so far.</param>
    /// <param name="bytes">Their size in bytes.</param>
    public void Walking(int files, long bytes)
    {
        if (this.allowed && this.starter is null && WorthStarting(files, bytes, this.forced))
        {
            var self = this.self!;
            this.starter = new Thread(() =>
            {
                try
                {
                    this.worker = WorkerProcesses.Worker.TryStart(self, this.currentDirectory, _ => null);
                }
                catch (Exception)
                {
                    // Whatever it was, on this thread it would end the process: the run starts its workers later, or uses threads.
                    this.worker = null;
                }
            })
            { IsBackground = true, Name = "daemonlint worker start" };
            this.starter.Start();
        }
    }

    /// <summary>Gets the process id of the worker started and not yet taken, or null (tests).</summary>
    internal int? WorkerProcessId
    {
        get
        {
            this.starter?.Join();
            return this.worker?.ProcessId;
        }
    }

    /// <summary>Ends the worker if the run did not take it.</summary>
    public void Dispose()
    {
        this.starter?.Join();
        this.worker?.Abandon();
        this.worker = null;
    }

    /// <summary>The worker, once started (null when none was, or it could not start), for the run to use.</summary>
    /// <param name="ignoreOf">Where the worker's uses of ignore entries are counted.</param>
    /// <returns>The worker, or null.</returns>
    internal WorkerProcesses.Worker? Take(Func<SourceFile, List<DaemonLint.Engine.IgnoreEntry>?> ignoreOf)
    {
        this.starter?.Join();
        var taken = this.worker;
        this.worker = null;
        if (taken is not null)
        {
            taken.IgnoreOf = ignoreOf;
        }

        return taken;
    }
}
