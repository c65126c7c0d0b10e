"""The ``kg`` command: a thin shell over the library. Each command parses, calls one function, prints."""

from __future__ import annotations

import gc
import sys

# Importing the commands makes objects that live as long as the process and no garbage: the
# cyclic collector is kept off until they are in, then told to leave them be (see the end).
_collecting = gc.isenabled()
gc.disable()

import click  # noqa: E402

from kg.errors import KgError  # noqa: E402


class _Group(click.Group):
    """Turns every kg error into one sentence on stderr and its exit code (a traceback with --debug)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KgError as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            _report(err)
            sys.exit(err.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:
            sys.exit(0)
        except Exception as err:  # a bug: still one line, unless --debug asks for the traceback
            if ctx.obj and ctx.obj.get("debug"):
                raise
            from kg.cli.output import terminal_text

            click.echo(terminal_text(f"error: {type(err).__name__}: {err} (run with --debug for the traceback)"), err=True)
            sys.exit(1)


def _report(err: KgError) -> None:
    from kg.cli.output import terminal_text
    from kg.errors import DataError

    if isinstance(err, DataError):
        for problem in err.problems:
            click.echo(terminal_text(str(problem)), err=True)
    click.echo(terminal_text(f"error: {err}"), err=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.version_option(package_name="kg-talent-graph", prog_name="kg")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """kg, the AI talent graph: sourced facts about AI founders, labs and the people who move between them.

    \b
    Examples:
      kg ask "who left OpenAI for which startup?"
      kg person 翁荔
      kg validate
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


from kg.cli import ask, data, explore, metrics, neo4j, query, render  # noqa: E402  (commands register themselves on main)

gc.freeze()
if _collecting:
    gc.enable()

__all__ = ["main", "ask", "data", "explore", "metrics", "neo4j", "query", "render"]
