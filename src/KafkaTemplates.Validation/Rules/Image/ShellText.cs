namespace KafkaTemplates.Validation.Rules.Image;

/// <summary>Reads shell command text the way a shell splits it, enough to find pipes outside quotes.</summary>
internal static class ShellText
{
    /// <summary>True when the command pipes one command into another (`a | b`), not counting `||` or quoted bars.</summary>
    public static bool HasPipe(string command)
    {
        char? quote = null;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            if (quote is not null)
            {
                if (c == '\\' && quote == '"') i++;
                else if (c == quote) quote = null;
                continue;
            }
            switch (c)
            {
                case '\\': i++; break;
                case '\'' or '"': quote = c; break;
                case '|' when (i + 1 >= command.Length || command[i + 1] != '|') && (i == 0 || command[i - 1] != '|'):
                    return true;
            }
        }
        return false;
    }
}
