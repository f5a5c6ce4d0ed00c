// The program: with no arguments the main job (src/Models/MainJob.cs lists its sections); with a command
// (train, evaluate, benchmark, list) the command line (src/Models/CommandLine). `--help` says the rest.
using Specialized.Models.CommandLine;

return Cli.Run(args, Console.Out, Console.Error);
