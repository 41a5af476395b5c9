using System;
using System.IO;
using System.Linq;
using System.Text;

namespace DaemonLint.Install.Tests;

/// <summary>What <c>dotnet tool install</c> laid down as the <c>daemonlint</c> command, read from the file itself.</summary>
/// <param name="Command">The command's path (in the tool folder; the native install makes it a symbolic link).</param>
/// <param name="Target">The file it resolves to.</param>
/// <param name="Machine">The ELF machine of that file (<see cref="X64"/>, <see cref="Arm64"/>), or 0 when it is not ELF.</param>
/// <param name="LoadsHostFxr">Whether the file names libhostfxr (the .NET apphost does; a native AOT executable does not).</param>
/// <param name="ManagedBeside">Whether a daemonlint.dll sits beside the file.</param>
public sealed record InstalledTool(string Command, string Target, int Machine, bool LoadsHostFxr, bool ManagedBeside)
{
    /// <summary>ELF e_machine of x86-64.</summary>
    public const int X64 = 0x3E;

    /// <summary>ELF e_machine of AArch64.</summary>
    public const int Arm64 = 0xB7;

    private static readonly byte[] HostFxr = Encoding.ASCII.GetBytes("libhostfxr");

    /// <summary>Gets a value indicating whether this is a native AOT executable: ELF, self-contained (no .NET host, no managed entry point).</summary>
    public bool IsNative => this.Machine != 0 && !this.LoadsHostFxr && !this.ManagedBeside;

    /// <summary>Gets the size of the file the command resolves to.</summary>
    public long Size => new FileInfo(this.Target).Length;

    /// <summary>Reads the command a tool install made.</summary>
    /// <param name="command">Its path.</param>
    /// <returns>What it is.</returns>
    public static InstalledTool Read(string command)
    {
        if (!File.Exists(command))
        {
            throw new FileNotFoundException("no command at " + command, command);
        }

        var target = new FileInfo(command).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(command);
        var bytes = File.ReadAllBytes(target);
        return new InstalledTool(
            command,
            target,
            ElfMachine(bytes),
            IndexOf(bytes, HostFxr) >= 0,
            File.Exists(Path.Combine(Path.GetDirectoryName(target)!, "daemonlint.dll")));
    }

    /// <summary>The ELF machine of a file's bytes (little-endian 64-bit ELF only), or 0.</summary>
    /// <param name="bytes">The file.</param>
    /// <returns>e_machine, or 0.</returns>
    public static int ElfMachine(byte[] bytes) =>
        bytes.Length > 20 && bytes[0] == 0x7F && bytes[1] == (byte)'E' && bytes[2] == (byte)'L' && bytes[3] == (byte)'F' && bytes[4] == 2 && bytes[5] == 1
            ? bytes[18] | (bytes[19] << 8)
            : 0;

    /// <summary>The machine this test runs on, as an ELF e_machine.</summary>
    /// <returns><see cref="X64"/> or <see cref="Arm64"/>.</returns>
    public static int HostMachine() => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => X64,
        System.Runtime.InteropServices.Architecture.Arm64 => Arm64,
        var other => throw new PlatformNotSupportedException("no native daemonlint for " + other),
    };

    public override string ToString() =>
        $"{this.Command} -> {this.Target}: machine 0x{this.Machine:X}, {this.Size} bytes, libhostfxr {this.LoadsHostFxr}, daemonlint.dll beside {this.ManagedBeside}";

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        var first = needle[0];
        for (var i = Array.IndexOf(haystack, first); i >= 0 && i <= haystack.Length - needle.Length; i = Array.IndexOf(haystack, first, i + 1))
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }
}
