# SPDX-License-Identifier: LGPL-2.1-or-later
"""Runs the library's asynchronous calls for asyncio.

libsharokey-glib completes its ``*_async`` calls in the GLib main context
that was the thread-default one when they started, and its HTTP session
belongs to the context it was created in. asyncio, on the other hand, runs
its own loop. Rather than polling one loop from the other, one dedicated
thread runs a private ``GLib.MainContext``: every client is created there,
every call is started there, and each completion hands its result to the
asyncio loop that awaits it with ``call_soon_threadsafe``. Any number of
calls can therefore be in flight at once, and the asyncio loop never blocks.
"""

import asyncio
import atexit
import concurrent.futures
import threading

from ._gi import GLib, Gio, _
from .exceptions import SharokeyError

_JOIN_TIMEOUT = 5.0
_SYNC_TIMEOUT = 30.0


class _Bridge:
    def __init__(self):
        self._context = GLib.MainContext.new()
        self._loop = GLib.MainLoop.new(self._context, False)
        started = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(started,), name="sharokey-glib", daemon=True
        )
        self._thread.start()
        if not started.wait(_JOIN_TIMEOUT):
            raise RuntimeError(_("The GLib thread of the sharokey package did not start"))

    def _run(self, started):
        self._context.push_thread_default()
        try:
            self._attach(started.set)
            self._loop.run()
        finally:
            self._context.pop_thread_default()

    def _attach(self, func, *args):
        source = GLib.Idle(priority=GLib.PRIORITY_DEFAULT)

        def dispatch(*_ignored):
            func(*args)
            return GLib.SOURCE_REMOVE

        source.set_callback(dispatch)
        source.attach(self._context)

    @property
    def in_thread(self):
        return threading.current_thread() is self._thread

    def call_soon(self, func, *args):
        """Runs ``func(*args)`` in the GLib thread, soon; exceptions are lost."""
        if self.in_thread:
            func(*args)
        else:
            self._attach(func, *args)

    def run_sync(self, func, *args):
        """Runs ``func(*args)`` in the GLib thread and returns its result."""
        if self.in_thread:
            return func(*args)
        done = concurrent.futures.Future()

        def call():
            try:
                done.set_result(func(*args))
            except BaseException as exc:  # handed to the caller
                done.set_exception(exc)

        self._attach(call)
        try:
            # Only quick calls come here; the GLib thread never holds one
            # back for long, but a wait is never unbounded.
            return done.result(_SYNC_TIMEOUT)
        except concurrent.futures.TimeoutError:
            raise SharokeyError(_("The GLib thread of the sharokey package did not answer")) from None

    def start(self, begin, finish, convert):
        """Starts an asynchronous library call; returns an asyncio future.

        ``begin(cancellable, callback)`` starts the ``*_async`` function,
        ``finish(result)`` calls the matching ``*_finish`` one (both in the
        GLib thread), ``convert(value)`` turns the result into Python data.
        Cancelling the future cancels the library call.
        """
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        cancellable = Gio.Cancellable()

        def resolve(ok, value):
            if future.done():
                return
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)

        def on_ready(_source, result, *_user_data):
            try:
                outcome = (True, convert(finish(result)))
            except GLib.Error as error:
                outcome = (False, error)
            except BaseException as exc:
                outcome = (False, exc)
            try:
                loop.call_soon_threadsafe(resolve, *outcome)
            except RuntimeError:
                pass  # the asyncio loop is closed; nobody waits any more

        def call():
            try:
                begin(cancellable, on_ready)
            except BaseException as exc:
                try:
                    loop.call_soon_threadsafe(resolve, False, exc)
                except RuntimeError:
                    pass

        def on_done(fut):
            if fut.cancelled():
                cancellable.cancel()  # thread-safe

        future.add_done_callback(on_done)
        self.call_soon(call)
        return future

    def stop(self):
        if not self._thread.is_alive():
            return
        self._attach(self._loop.quit)
        self._thread.join(_JOIN_TIMEOUT)


_bridge = None
_bridge_lock = threading.Lock()


def get_bridge():
    """Returns the process-wide bridge, starting its thread on first use."""
    global _bridge
    with _bridge_lock:
        if _bridge is None:
            _bridge = _Bridge()
            atexit.register(_bridge.stop)
        return _bridge
