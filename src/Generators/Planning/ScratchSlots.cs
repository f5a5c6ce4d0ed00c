using System.Collections.Generic;
using System.Linq;

namespace Specialized.Generators.Planning;

/// <summary>
/// Assigns inference values to scratch slots by liveness: a value holds its slot from the node that
/// writes it to the last node that reads it, and a freed slot is reused by the next value written.
/// A node's output never shares a slot with its own inputs (kernels read inputs while writing).
/// Values that inference skips (a dropout's output is its input) take no slot.
/// </summary>
internal static class ScratchSlots
{
    public static (int[] Slots, int Count) Assign(List<(int Id, int Size, int AliasOf, Infrastructure.EquatableArray<int> Shape)> values, List<NodePlan> nodes, int output)
    {
        int Resolve(int v) => values[v].AliasOf >= 0 ? Resolve(values[v].AliasOf) : v;

        var lastUse = new Dictionary<int, int>();
        foreach (NodePlan node in nodes)
        {
            foreach (int input in node.Inputs) lastUse[Resolve(input)] = node.Id;
        }
        lastUse[Resolve(output)] = int.MaxValue; // read by the copy to the caller's span

        var slots = Enumerable.Repeat(-1, values.Count).ToArray();
        var free = new SortedSet<int>();
        int count = 0;
        foreach (NodePlan node in nodes)
        {
            int written = Resolve(node.Output);
            if (written == node.Output)
            {
                slots[written] = free.Count > 0 ? free.Min : count++;
                free.Remove(slots[written]);
            }
            foreach (int input in node.Inputs.Select(Resolve).Distinct())
            {
                if (input != 0 && slots[input] >= 0 && lastUse[input] == node.Id) free.Add(slots[input]);
            }
        }
        for (int v = 0; v < values.Count; v++)
        {
            if (values[v].AliasOf >= 0) slots[v] = slots[Resolve(v)];
        }
        return (slots, count);
    }
}
