using System.CommandLine;
using CdsLearn.Cli;

var root = new RootCommand("cdslearn: công cụ dòng lệnh của CdsLearn (the CdsLearn command-line tool)");
root.Subcommands.Add(ContentCommands.Create(Console.Out, Console.Error));
root.Subcommands.Add(ImportCommands.Create(Console.Out));
root.Subcommands.Add(SeedCommands.Create(Console.Out));
root.Subcommands.Add(RollupCommands.Create(Console.Out));
root.Subcommands.Add(ReportCommands.Create(Console.Out, Console.Error));
root.Subcommands.Add(DatabaseCommands.Create(Console.Out, Console.Error));
root.Subcommands.Add(UserCommands.Create(Console.In, Console.Out, Console.Error));
root.Subcommands.Add(AudioCommands.Create(Console.Out));
return await root.Parse(args).InvokeAsync();
