using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Specialized.Distributed.Mpi.Native;

/// <summary>
/// Finds the MPI shared library of this platform, checks that it speaks the MPICH ABI, and maps
/// <see cref="MpiNative.Library"/> to it for every <see cref="LibraryImportAttribute"/> stub of this assembly.
/// </summary>
internal static class MpiLibrary
{
    /// <summary>Environment variable naming the MPI library file to load instead of the platform's usual names.</summary>
    public const string OverrideVariable = "SPECIALIZED_MPI_LIBRARY";

    private static readonly Lock Gate = new();
    private static nint _handle;
    private static string? _version;

    /// <summary>Library files tried in order when <see cref="OverrideVariable"/> is not set.</summary>
    internal static IReadOnlyList<string> Candidates()
    {
        if (OperatingSystem.IsWindows()) return ["msmpi.dll", "impi.dll"];
        if (OperatingSystem.IsMacOS()) return ["libmpi.12.dylib", "libmpich.12.dylib", "libmpi.dylib"];
        // Debian/Ubuntu's MPICH is libmpich.so.12; Fedora, Spack and source builds name it libmpi.so.12 (MPICH's ABI
        // version); libmpi.so.40 is Open MPI, tried last only to say clearly why it cannot be used.
        return ["libmpich.so.12", "libmpi.so.12", "libmpi.so", "libmpi.so.40"];
    }

    /// <summary>The version string of the loaded library (<c>MPI_Get_library_version</c>).</summary>
    public static string Version => _version ?? "(not loaded)";

    /// <summary>Loads the library once; throws <see cref="MpiUnavailableException"/> with what was tried and how to fix it.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_handle != 0) return;
            string? chosen = Environment.GetEnvironmentVariable(OverrideVariable);
            IReadOnlyList<string> names = string.IsNullOrWhiteSpace(chosen) ? Candidates() : [chosen];
            nint handle = 0;
            string? loadedName = null;
            foreach (string name in names)
            {
                if (NativeLibrary.TryLoad(name, out handle)) { loadedName = name; break; }
            }
            if (handle == 0)
            {
                throw new MpiUnavailableException(
                    $"No MPI library could be loaded (tried {string.Join(", ", names)}). Install MPICH " +
                    "(Debian/Ubuntu: apt-get install mpich libmpich-dev; macOS: brew install mpich; Windows: MS-MPI), " +
                    $"or set {OverrideVariable} to the path of an MPICH-ABI libmpi.");
            }
            if (NativeLibrary.TryGetExport(handle, "ompi_mpi_comm_world", out _))
            {
                NativeLibrary.Free(handle);
                throw new MpiUnavailableException(
                    $"'{loadedName}' is Open MPI, whose handles are addresses of global objects rather than the MPICH ABI's fixed integers; " +
                    "Specialized.Distributed.Mpi supports the MPICH ABI only (MPICH, Intel MPI, MS-MPI). Install MPICH " +
                    $"(apt-get install mpich libmpich-dev) and launch with its mpiexec, or set {OverrideVariable} to an MPICH libmpi.");
            }
            _handle = handle;
            NativeLibrary.SetDllImportResolver(typeof(MpiLibrary).Assembly, Resolve);
            _version = ReadVersion();
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
        => libraryName == MpiNative.Library ? _handle : 0;

    private static unsafe string ReadVersion()
    {
        // MPI_Get_library_version may be called before MPI_Init (MPI-3).
        byte* buffer = stackalloc byte[MpichAbi.MaxLibraryVersionString];
        int length = 0;
        if (MpiNative.GetLibraryVersion(buffer, &length) != MpichAbi.Success) return "(unknown)";
        string text = Encoding.UTF8.GetString(buffer, Math.Clamp(length, 0, MpichAbi.MaxLibraryVersionString));
        int newline = text.IndexOfAny(['\n', '\0']);
        return (newline >= 0 ? text[..newline] : text).Trim();
    }
}
