using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace DaemonLint.Hosting;

/// <summary>What a path names.</summary>
public enum PathKind
{
    /// <summary>Nothing.</summary>
    Missing,

    /// <summary>A regular file (or a link to one).</summary>
    File,

    /// <summary>A folder (or a link to one).</summary>
    Directory,

    /// <summary>A device, a FIFO or a socket: never opened, since reading one can block forever or never end.</summary>
    Special,
}

/// <summary>One entry of a folder.</summary>
/// <param name="FullPath">The entry's full path.</param>
/// <param name="Kind">What it is (after following a symbolic link).</param>
/// <param name="IsLink">Whether the entry itself is a symbolic link.</param>
/// <param name="Length">A regular file's size in bytes when the listing learned it (a link's target's is not), else -1.</param>
public readonly record struct FolderEntry(string FullPath, PathKind Kind, bool IsLink, long Length = -1);

/// <summary>The file access of the host layer: a seam for tests (failures, special files).</summary>
public interface IHostFileSystem
{
    /// <summary>Says what a path names.</summary>
    /// <param name="fullPath">The full path.</param>
    /// <returns>The kind.</returns>
    PathKind Probe(string fullPath);

    /// <summary>Gets a regular file's size.</summary>
    /// <param name="fullPath">The full path.</param>
    /// <returns>The size in bytes.</returns>
    long Length(string fullPath);

    /// <summary>Reads at most <paramref name="maxBytes"/> bytes of a regular file.</summary>
    /// <param name="fullPath">The full path.</param>
    /// <param name="maxBytes">The most bytes to read.</param>
    /// <returns>The bytes read.</returns>
    byte[] Read(string fullPath, long maxBytes);

    /// <summary>Lists a folder.</summary>
    /// <param name="fullPath">The folder.</param>
    /// <returns>Its entries, in no particular order.</returns>
    IEnumerable<FolderEntry> List(string fullPath);
}

/// <summary>The real file system.</summary>
public sealed class PhysicalFileSystem : IHostFileSystem
{
    // The open shim's flags (PAL_O_RDONLY, PAL_O_CLOEXEC), which it maps to the platform's O_ flags.
    private const int PalOpenReadOnly = 0x0000;
    private const int PalOpenCloseOnExec = 0x0010;

    private static bool statUnavailable;
    private static bool openUnavailable;

    // The stat shim's answer buffer, one per thread (a stat per file listed and read: no array each time).
    [ThreadStatic]
    private static byte[]? statBuffer;

    // What the last Probe on this thread found of a regular file: Length asked right after it, for the same path (the reader
    // asks the size of a file it just probed), answers from that stat instead of another. Consumed by that one Length.
    [ThreadStatic]
    private static string? probedFile;

    [ThreadStatic]
    private static long probedSize;

    /// <summary>Gets the instance.</summary>
    public static PhysicalFileSystem Instance { get; } = new();

    /// <inheritdoc />
    public PathKind Probe(string fullPath)
    {
        // One stat says it all where the stat shim answers (every file of a folder is probed, then again before it is read);
        // where it fails (a dangling link, no permission) the answer is the runtime's, as everywhere else.
        probedFile = null;
        if (Stat(fullPath, out var mode, out var size))
        {
            if (mode == 0x8000)
            {
                probedFile = fullPath;
                probedSize = size;
            }

            return mode switch
            {
                0x4000 => PathKind.Directory,
                0x8000 => PathKind.File,
                _ => PathKind.Special,
            };
        }

        if (Directory.Exists(fullPath))
        {
            return PathKind.Directory;
        }

        if (!File.Exists(fullPath))
        {
            return PathKind.Missing;
        }

        // Never an open to find out: opening a FIFO blocks. stat follows links (a link to /dev/zero is a device).
        return IsSpecial(fullPath) ? PathKind.Special : PathKind.File;
    }

    /// <inheritdoc />
    public long Length(string fullPath)
    {
        // stat follows links: the size is the target's, as the stream's length is.
        if (probedFile is { } probed && string.Equals(probed, fullPath, StringComparison.Ordinal))
        {
            probedFile = null;
            return probedSize;
        }

        if (Stat(fullPath, out var mode, out var size) && mode == 0x8000)
        {
            return size;
        }

        // Opened only once Probe said it is a regular file; the stream's length is the target's, also through a link.
        using var fs = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        return fs.Length;
    }

    /// <inheritdoc />
    public byte[] Read(string fullPath, long maxBytes)
    {
        var cap = (int)Math.Min(maxBytes, int.MaxValue - 64);
        if (OpenUnlocked(fullPath) is { } handle)
        {
            using (handle)
            {
                var fd = handle.DangerousGetHandle();
                return Fill(FileSize(fd, fullPath), cap, (buffer, offset, count) => ReadSome(fd, fullPath, buffer, offset, count));
            }
        }

        // Unbuffered (a buffer size of 1): the bytes are read straight into the array sized to the file, so a stream buffer would
        // only be 4 KiB more garbage per file.
        using var fs = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        return Fill(fs.CanSeek ? fs.Length : cap, cap, fs.Read);
    }

    /// <inheritdoc />
    public IEnumerable<FolderEntry> List(string fullPath)
    {
        if (!statUnavailable && !RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return this.ListByLStat(fullPath);
        }

        return this.ListByRuntime(fullPath);
    }

    // One lstat an entry says what it is, and whether it is a link: only a link is stat'ed again (followed). The runtime's
    // FileSystemInfo asks lstat and geteuid for its attributes, then a probe stat'ed the entry once more.
    private IEnumerable<FolderEntry> ListByLStat(string fullPath)
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(fullPath))
        {
            if (Stat(path, out var mode, out var size, followLinks: false))
            {
                yield return mode == 0xA000 // S_IFLNK: what it names is what stat, following it, says
                    ? new FolderEntry(path, this.Probe(path), true)
                    : new FolderEntry(path, mode switch { 0x4000 => PathKind.Directory, 0x8000 => PathKind.File, _ => PathKind.Special }, false, mode == 0x8000 ? size : -1);
            }
            else
            {
                // Gone since it was listed, or not ours to stat: the runtime's answer (its attributes are -1 for what is gone).
                var attributes = new FileInfo(path).Attributes;
                yield return new FolderEntry(path, this.Probe(path), (int)attributes != -1 && (attributes & FileAttributes.ReparsePoint) != 0);
            }
        }
    }

    private IEnumerable<FolderEntry> ListByRuntime(string fullPath)
    {
        foreach (var e in new DirectoryInfo(fullPath).EnumerateFileSystemInfos())
        {
            var isLink = (e.Attributes & FileAttributes.ReparsePoint) != 0;
            var kind = e is DirectoryInfo ? PathKind.Directory : this.Probe(e.FullName);
            yield return new FolderEntry(e.FullName, kind, isLink, kind == PathKind.File && !isLink && e is FileInfo f ? f.Length : -1);
        }
    }

    /// <summary>
    /// Opens a file to read it without the advisory lock .NET takes on Unix. A <see cref="FileStream"/> opened by path takes a
    /// shared <c>flock</c> (non-blocking) and gives it back at close, so a file another process holds an exclusive lock on (a
    /// .NET program that opened it with <see cref="FileShare.None"/>, a script under <c>flock -x</c>) could not be read ("being
    /// used by another process"), where kubectl, git and an editor read it; and the lock is two system calls a file. The
    /// runtime's own shim (libSystem.Native, as for <see cref="Stat"/>) opens it read-only and close-on-exec. Null where the shim
    /// is missing (Windows, whose sharing modes are the system's own, for every reader) or the open fails: the stream then opens
    /// the path itself, and words the error as the runtime always does.
    /// </summary>
    /// <param name="fullPath">The path of a regular file.</param>
    /// <returns>The descriptor, or null.</returns>
    private static Microsoft.Win32.SafeHandles.SafeFileHandle? OpenUnlocked(string fullPath)
    {
        if (openUnavailable || RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return null;
        }

        try
        {
            var fd = NativeOpen(fullPath, PalOpenReadOnly | PalOpenCloseOnExec, 0);
            return fd.ToInt64() >= 0 ? new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true) : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            openUnavailable = true;
            return null;
        }
    }

    // An array sized to the file (up to cap bytes), read into until it is full or the file ends (a file that shrank since its
    // size was asked: the array is cut to what was read).
    private static byte[] Fill(long length, int cap, Func<byte[], int, int, int> read)
    {
        var buffer = new byte[(int)Math.Min(Math.Max(length, 0), cap)];
        var n = 0;
        while (n < buffer.Length)
        {
            var got = read(buffer, n, buffer.Length - n);
            if (got == 0)
            {
                break;
            }

            n += got;
        }

        if (n < buffer.Length)
        {
            Array.Resize(ref buffer, n);
        }

        return buffer;
    }

    private static long FileSize(IntPtr fd, string fullPath)
    {
        var status = statBuffer ??= new byte[512];
        return NativeFStat(fd, status) == 0 ? BitConverter.ToInt64(status, 16) : throw ReadError(fullPath);
    }

    // read(2) of at most count bytes into buffer at offset: how many it read (0 at the end of the file), again when interrupted.
    private static int ReadSome(IntPtr fd, string fullPath, byte[] buffer, int offset, int count)
    {
        while (true)
        {
            var got = NativeRead(fd, ref buffer[offset], count);
            if (got >= 0)
            {
                return got;
            }

            if (Marshal.GetLastWin32Error() != 4) // EINTR
            {
                throw ReadError(fullPath);
            }
        }
    }

    private static IOException ReadError(string fullPath) =>
        new($"{new System.ComponentModel.Win32Exception(Marshal.GetLastWin32Error()).Message} : '{fullPath}'");

    /// <summary>Whether a path names something other than a regular file or folder, following links (Unix; false where that cannot be told).</summary>
    private static bool IsSpecial(string fullPath) => Stat(fullPath, out var mode, out _) && mode is not (0x8000 or 0x4000); // S_IFREG, S_IFDIR

    /// <summary>stat(2), or lstat(2) (Unix only; false on Windows, where the shim is missing, or when stat fails).</summary>
    /// <param name="fullPath">The path.</param>
    /// <param name="mode">The S_IFMT bits of the mode.</param>
    /// <param name="size">The size in bytes.</param>
    /// <param name="followLinks">Whether a link is followed (stat) or answered for itself (lstat).</param>
    /// <returns>Whether stat succeeded.</returns>
    private static bool Stat(string fullPath, out int mode, out long size, bool followLinks = true)
    {
        mode = 0;
        size = 0;
        if (statUnavailable || RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return false;
        }

        try
        {
            // The runtime's own stat shim (libSystem.Native, present in every .NET Core host on Unix): its FileStatus starts
            // with int Flags, int Mode, uint Uid, uint Gid, long Size; Mode carries the S_IFMT bits.
            var status = statBuffer ??= new byte[512];
            if ((followLinks ? NativeStat(fullPath, status) : NativeLStat(fullPath, status)) != 0)
            {
                return false;
            }

            mode = BitConverter.ToInt32(status, 4) & 0xF000;
            size = BitConverter.ToInt64(status, 16);
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            statUnavailable = true;
            return false;
        }
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int NativeStat(string path, [Out] byte[] status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern IntPtr NativeOpen(string path, int flags, int mode);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_FStat", SetLastError = true)]
    private static extern int NativeFStat(IntPtr fd, [Out] byte[] status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Read", SetLastError = true)]
    private static extern int NativeRead(IntPtr fd, ref byte buffer, int count);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int NativeLStat(string path, [Out] byte[] status);
}
