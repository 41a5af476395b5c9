using System;
using System.IO;
using DaemonLint.Tests;

namespace DaemonLint.Cli.Tests;

/// <summary>The lock the test fixtures take around packs of the repository's projects excludes a second holder until released.</summary>
public sealed class RepositoryBuildLockTests
{
    [Fact]
    public void ASecondHolder_WaitsUntilTheFirstReleases()
    {
        var first = RepositoryBuildLock.Acquire();
        try
        {
            Assert.Throws<IOException>(() => RepositoryBuildLock.Acquire(TimeSpan.FromMilliseconds(300)).Dispose());
        }
        finally
        {
            first.Dispose();
        }

        RepositoryBuildLock.Acquire().Dispose(); // free again (after any pack another test process started meanwhile)
    }
}
