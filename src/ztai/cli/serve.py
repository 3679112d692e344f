"""`ztai serve`: the gateway and control listeners in one process, graceful on SIGTERM."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import socket
import sys
from collections.abc import Awaitable, Callable, Coroutine, Generator
from pathlib import Path
from typing import Any

import uvicorn

from ztai.bootstrap import Services, build_services
from ztai.cli.logs import configure_logging
from ztai.config import Settings, load_settings
from ztai.errors import ZtaiError

log = logging.getLogger("ztai")


class _Server(uvicorn.Server):
    """A uvicorn server that leaves signal handling to us (two servers, one process)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


def add_server_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help="YAML settings file")
    parser.add_argument("--data-dir", type=Path, help="state directory (default ./.ztai)")
    parser.add_argument("--host", help="listen address (default 127.0.0.1)")
    parser.add_argument("--gateway-port", type=int, help="data plane port (default 8700)")
    parser.add_argument("--control-port", type=int, help="control plane port (default 8701)")
    parser.add_argument("--log-format", choices=("text", "json"), help="process log lines")


def settings_from_args(args: argparse.Namespace) -> Settings:
    return load_settings(
        args.config,
        {
            "data_dir": args.data_dir,
            "host": args.host,
            "gateway_port": args.gateway_port,
            "control_port": args.control_port,
            "log_format": getattr(args, "log_format", None),
        },
    )


def bind(host: str, port: int) -> socket.socket:
    """Bind before anything starts, so a taken port is a clear error, not a hung process."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on accepted connections when the
    # listening socket says it is TCP; without it every kept-alive reply waits ~40 ms.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ZtaiError(
            f"cannot listen on {host}:{port}: {exc.strerror}", code="serve.bind_failed"
        ) from exc
    sock.set_inheritable(True)
    return sock


async def run_servers(
    settings: Settings, on_ready: Callable[[Services], Awaitable[None]] | None = None
) -> None:
    sockets = [bind(settings.host, settings.gateway_port)]
    try:
        sockets.append(bind(settings.host, settings.control_port))
        await _run(settings, sockets, on_ready)
    finally:
        for sock in sockets:
            sock.close()


async def _run(
    settings: Settings,
    sockets: list[socket.socket],
    on_ready: Callable[[Services], Awaitable[None]] | None,
) -> None:
    services = await build_services(settings)
    if services.admin_token_created:
        print(
            f"admin token (shown once, also in {settings.data_dir / 'admin-token'}): "
            f"{services.admin_token}",
            flush=True,
        )
    servers = [
        _Server(
            uvicorn.Config(
                app,
                host=settings.host,
                port=port,
                log_level="warning",
                log_config=None,  # uvicorn's records go through our handler and format
                access_log=False,
                lifespan="off",
                server_header=False,
            )
        )
        for app, port in (
            (services.gateway_app(), settings.gateway_port),
            (services.control_app(), settings.control_port),
        )
    ]

    def stop() -> None:
        for server in servers:
            server.should_exit = True
        # Graceful shutdown waits for requests in flight: held tool calls answer now.
        services.approvals.waiter.release_all()

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop)
    tasks = [
        asyncio.create_task(server.serve(sockets=[sock]))
        for server, sock in zip(servers, sockets, strict=True)
    ]
    try:
        while not all(s.started for s in servers):
            if any(t.done() for t in tasks):
                stop()
                break
            await asyncio.sleep(0.05)
        else:
            print(
                f"ztai ready: gateway http://{settings.host}:{settings.gateway_port} "
                f"control http://{settings.host}:{settings.control_port}",
                flush=True,
            )
            if on_ready is not None:
                await on_ready(services)
        await asyncio.gather(*tasks)
    finally:
        stop()
        await services.close()
    if not all(s.started for s in servers):
        raise ZtaiError(
            "a listener could not start (is the port in use?)", code="serve.bind_failed"
        )


def run_loop(main: Coroutine[Any, Any, None]) -> None:
    """Run the servers on uvloop when it is installed (it is on Linux): a faster loop and
    socket handling for the same code."""
    factory: Callable[[], asyncio.AbstractEventLoop] | None = None
    try:
        import uvloop

        factory = uvloop.new_event_loop
    except ImportError:
        factory = None
    with asyncio.Runner(loop_factory=factory) as runner:
        runner.run(main)


def _serve(args: argparse.Namespace) -> int:
    configure_logging("text")  # until the settings say otherwise
    try:
        settings = settings_from_args(args)
        configure_logging(settings.log_format)
        run_loop(run_servers(settings))
    except ZtaiError as exc:
        print(f"ztai: {exc.detail}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 — the CLI boundary: a clear message, exit 2
        print(f"ztai: cannot start: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("serve", help="run the gateway and control plane")
    add_server_arguments(parser)
    parser.set_defaults(func=_serve)
