using System.CommandLine;

namespace DaemonLint.Cli.Commands;

/// <summary>
/// <c>daemonlint completion bash|zsh|pwsh</c>: prints a script that asks the tool itself for completions through
/// System.CommandLine's <c>[suggest:POSITION]</c> directive, so the completions always match the installed version's options.
/// </summary>
public static class CompletionCommand
{
    /// <summary>The bash script (<c>source &lt;(daemonlint completion bash)</c>).</summary>
    public const string Bash = """
        # daemonlint completion for bash: source <(daemonlint completion bash)
        _daemonlint_complete() {
          local IFS=$'\n'
          COMPREPLY=( $(compgen -W "$(daemonlint "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _daemonlint_complete daemonlint

        """;

    /// <summary>The zsh script (<c>source &lt;(daemonlint completion zsh)</c>).</summary>
    public const string Zsh = """
        # daemonlint completion for zsh: source <(daemonlint completion zsh)
        _daemonlint_complete() {
          local -a completions
          completions=("${(@f)$(daemonlint "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)}")
          compadd -a completions
          _files
        }
        compdef _daemonlint_complete daemonlint

        """;

    /// <summary>The PowerShell script (<c>daemonlint completion pwsh | Out-String | Invoke-Expression</c>).</summary>
    public const string Pwsh = """
        # daemonlint completion for PowerShell: daemonlint completion pwsh | Out-String | Invoke-Expression
        Register-ArgumentCompleter -Native -CommandName daemonlint -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            daemonlint "[suggest:$cursorPosition]" "$commandAst" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """;

    /// <summary>Builds the command.</summary>
    /// <param name="context">The streams.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context)
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh or pwsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh", "pwsh");
        var command = new Command("completion", "Print a shell completion script: bash, zsh or pwsh.") { shell };
        command.SetAction(parse =>
        {
            context.Stdout.Write(parse.GetValue(shell) switch
            {
                "zsh" => Zsh,
                "pwsh" => Pwsh,
                _ => Bash,
            });
            return Program.ExitOk;
        });
        return command;
    }
}
