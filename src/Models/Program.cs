// The main job: trains and evaluates the declared models on the bundled data.
System.Console.WriteLine("Specialized");
