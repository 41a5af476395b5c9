using System;
using System.IO;
using System.Threading;

namespace DaemonLint.Tests;

/// <summary>
/// A lock, across the test processes of one run, around builds of the repository's own projects. <c>dotnet test</c> runs
/// the test projects in parallel, and a pack of the MSBuild task and one of the analyzers both restore and build
/// src/Validator and src/Hosting: at the same moment they write the same <c>obj/project.assets.json</c> (a restore that
/// fails without saying why, MSB4181) and the same <c>bin/</c> and <c>obj/</c> folders. An exclusive lock on a file under
/// <c>artifacts/</c> (released by the operating system if the holder dies) makes them take turns.
/// </summary>
public static class RepositoryBuildLock
{
    /// <summary>Waits for the lock.</summary>
    /// <param name="timeout">The longest wait (default 15 minutes: a pack takes one or two).</param>
    /// <returns>The held lock; dispose it to release it.</returns>
    public static IDisposable Acquire(TimeSpan? timeout = null)
    {
        var folder = Path.Combine(RepoPaths.Root, "artifacts");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, ".test-build.lock");
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(15));
        while (true)
        {
            try
            {
                // FileShare.None: an exclusive flock on Unix, a sharing lock on Windows; a second holder fails at once.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(250);
            }
        }
    }
}
