using LandInventory.DevToken;
using Microsoft.Extensions.Configuration;

var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
return TokenCommand.Run(args, configuration, Console.Out, Console.Error);
