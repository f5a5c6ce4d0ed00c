namespace Specialized.Distributed.Mpi.Tests;

/// <summary>A fact that needs <c>mpiexec</c> on the PATH; skipped, with the command that installs it, when there is none.</summary>
public sealed class MpiFactAttribute : FactAttribute
{
    public MpiFactAttribute()
    {
        if (MpiLauncher.MpiExec is null)
            Skip = "mpiexec is not on the PATH, so the multi-process MPI tests cannot run. Install MPICH: apt-get install -y mpich libmpich-dev (.ci/run does this).";
    }
}
