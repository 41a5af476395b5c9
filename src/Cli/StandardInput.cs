using System;
using System.Runtime.InteropServices;

namespace DaemonLint.Cli;

/// <summary>
/// Whether the process was started with a standard input. When it was started with file descriptor 0 closed
/// (<c>daemonlint validate - &lt;&amp;-</c>, some CI runners), the runtime's first own file takes descriptor 0 (the read end of
/// its signal pipe): reading "standard input" would then wait forever. A descriptor inherited through exec never has
/// close-on-exec set, and every descriptor the runtime opens has it: so descriptor 0 with FD_CLOEXEC is not standard input.
/// </summary>
internal static class StandardInput
{
    private const int FGetFd = 1; // F_GETFD, the same on Linux and macOS
    private const int FdCloexec = 1; // FD_CLOEXEC

    /// <summary>Whether descriptor 0 is the standard input the process was started with.</summary>
    /// <returns>False when it was closed at start (or is not open now).</returns>
    public static bool WasOpenAtStart()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return true;
        }

        try
        {
            var flags = Fcntl(0, FGetFd);
            return flags >= 0 && (flags & FdCloexec) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return true;
        }
    }

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(int fd, int command);
}
