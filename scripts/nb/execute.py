"""Execute a notebook on the Deno kernel without losing outputs.

Run with Debian's Python (``/usr/bin/python3``), which has nbclient/nbconvert:

    /usr/bin/python3 scripts/nb/execute.py IN.ipynb OUT.ipynb [--cwd DIR]
        [--kernel deno] [--timeout SECONDS] [--stats FILE.json] [--stock]

Why a custom preprocessor: Deno 2.9's kernel publishes ``status: idle`` on
IOPub before all of a cell's ``console.log`` output has been forwarded (the
stream messages still carry the cell's parent id but arrive after the idle).
Stock nbclient stops listening for a cell at its idle, so it silently drops
those late outputs. ``FlushingExecutePreprocessor`` sends, after every code
cell, a marker request that prints a unique token through the same stdout
path and keeps collecting the cell's messages until the token comes back:
the kernel forwards stdout in order, so everything the cell printed has been
published by then. The marker runs with ``store_history=False`` and its own
messages are never added to any cell.

Set ``BTM_NB_DEBUG=FILE`` to log every IOPub message the executor handles.

The executed notebook is written even when a cell fails (with the error as
the cell's output), then the exit status is 1; 0 on success. A notebook that
cannot be read (not JSON, not a notebook) writes nothing and exits 1. On every
failure the last line of stderr is ``execute.py: <reason>``: the real error in
one line (its type and message), which ``scripts/report.ts`` shows.
"""

import argparse
import json
import math
import os
import sys
import time
import uuid
from queue import Empty

import nbformat
from nbclient.exceptions import CellExecutionComplete, CellExecutionError
from nbclient.util import ensure_async
from nbconvert.preprocessors import ExecutePreprocessor
from traitlets import Bool, Float

# Message types that carry a cell's output; anything else from a late message
# (status, execute_input) only updates bookkeeping.
_OUTPUT_TYPES = {"stream", "display_data", "execute_result", "error", "clear_output",
                 "update_display_data"}


_DEBUG = os.environ.get("BTM_NB_DEBUG")


def _debug(where, cell_index, parent_msg_id, msg):
    if _DEBUG:
        with open(_DEBUG, "a") as f:
            c = msg["content"]
            f.write(f"{where} cell={cell_index} own={msg['parent_header'].get('msg_id') == parent_msg_id} "
                    f"{msg['parent_header'].get('msg_id')} {msg['msg_type']} "
                    f"{c.get('execution_state') or repr(c.get('text', ''))[:60]}\n")


class FlushingExecutePreprocessor(ExecutePreprocessor):
    """ExecutePreprocessor that waits for every output of a cell (see module doc)."""

    flush = Bool(True, help="Send a marker request after each cell and wait for it.").tag(
        config=True)
    flush_timeout = Float(
        60.0, help="Seconds to wait for the marker before giving up on late outputs.").tag(
        config=True)

    def reset_execution_trackers(self):
        super().reset_execution_trackers()
        #: Output messages that arrived after the cell's idle status (rescued by the flush).
        self.late_outputs = 0
        #: Cells whose marker did not come back in time.
        self.flush_timeouts = 0
        #: Output messages of an earlier cell that arrived after its marker (still kept).
        self.stray_outputs = 0
        self._cell_index = None
        self._cells_by_msg = {}

    def preprocess_cell(self, cell, resources, index):
        # nbclient's execute_cell is bound to its own async_execute_cell, so the
        # index is recorded here for the flush.
        self._cell_index = index
        return super().preprocess_cell(cell, resources, index)

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        # nbclient's loop, plus: outputs of earlier cells are routed to them, not dropped.
        self._cells_by_msg[parent_msg_id] = (cell, cell_index)
        while True:
            msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=None))
            _debug("poll", cell_index, parent_msg_id, msg)
            if msg["parent_header"].get("msg_id") == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    return
            else:
                self._route_stray(msg)

    def _route_stray(self, msg):
        owner = self._cells_by_msg.get(msg["parent_header"].get("msg_id"))
        if owner is None or msg["msg_type"] not in _OUTPUT_TYPES:
            return
        self.stray_outputs += 1
        try:
            self.process_message(msg, owner[0], owner[1])
        except CellExecutionComplete:
            pass

    async def _async_poll_for_reply(self, msg_id, cell, timeout, task_poll_output_msg,
                                    task_poll_kernel_alive):
        reply = await super()._async_poll_for_reply(
            msg_id, cell, timeout, task_poll_output_msg, task_poll_kernel_alive)
        if self.flush:
            await self._async_flush(msg_id, cell, self._cell_index)
        return reply

    async def _async_flush(self, parent_msg_id, cell, cell_index):
        token = f"btm-flush-{uuid.uuid4().hex}"
        marker_id = await ensure_async(self.kc.execute(
            f'console.log("{token}");', silent=False, store_history=False,
            allow_stdin=False, stop_on_error=False))
        deadline = time.monotonic() + self.flush_timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=remaining))
            except Empty:
                break
            parent = msg["parent_header"].get("msg_id")
            _debug("flush", cell_index, parent_msg_id, msg)
            if parent == parent_msg_id:
                if msg["msg_type"] in _OUTPUT_TYPES:
                    self.late_outputs += 1
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    pass
            elif parent == marker_id:
                # Once the marker request has started, the kernel stamps the cell's
                # late stdout with the marker's parent id: it belongs to the cell.
                if msg["msg_type"] != "stream":
                    continue
                text = msg["content"].get("text", "")
                done = token in text
                if done:
                    text = "".join(line for line in text.splitlines(keepends=True)
                                   if token not in line)
                if text:
                    self.late_outputs += 1
                    self.output(cell.outputs, {**msg, "content": {**msg["content"], "text": text}},
                                None, cell_index)
                if done:
                    return
            else:
                self._route_stray(msg)
        self.flush_timeouts += 1
        self.log.warning("Marker not seen within %ss after cell %s: later outputs may be lost",
                         self.flush_timeout, cell_index)


def _seconds(text):
    """argparse type of --timeout: a positive, finite number of seconds."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not (value > 0 and value != float("inf")):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a positive number of seconds")
    return value


def _one_line(error):
    """An exception as one line: its type and the first line of its message."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return f"{type(error).__name__}: {lines[0] if lines else '(no message)'}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--cwd", help="kernel working directory (default: the input's folder)")
    parser.add_argument("--kernel", default="deno")
    parser.add_argument("--timeout", type=_seconds, default=3600,
                        help="seconds one cell may run (default 3600)")
    parser.add_argument("--stats", help="write execution statistics (JSON) here")
    parser.add_argument("--stock", action="store_true",
                        help="use nbconvert's stock ExecutePreprocessor (for comparison only)")
    args = parser.parse_args(argv)

    try:
        nb = nbformat.read(args.input, as_version=4)
    except Exception as e:  # not JSON, not a notebook, unreadable: nothing to run or write
        print(f"execute.py: cannot read the notebook {args.input}: {_one_line(e)}",
              file=sys.stderr)
        return 1
    cwd = args.cwd or os.path.dirname(os.path.abspath(args.input))
    cls = ExecutePreprocessor if args.stock else FlushingExecutePreprocessor
    ep = cls(kernel_name=args.kernel, timeout=math.ceil(args.timeout))
    started = time.monotonic()
    error = None
    reason = None
    try:
        ep.preprocess(nb, {"metadata": {"path": cwd}})
    except CellExecutionError as e:
        error = str(e)
        reason = f"a cell raised {e.ename}: " + ((e.evalue or "").strip().splitlines() or [""])[0]
    except Exception as e:  # kernel died, timeout, kernel not found: still write what ran
        error = f"{type(e).__name__}: {e}"
        reason = _one_line(e)
    seconds = time.monotonic() - started
    nbformat.write(nb, args.output)
    if args.stats:
        with open(args.stats, "w") as f:
            json.dump({"seconds": seconds, "late_outputs": getattr(ep, "late_outputs", None),
                       "flush_timeouts": getattr(ep, "flush_timeouts", None),
                       "stray_outputs": getattr(ep, "stray_outputs", None), "error": error,
                       "code_cells_executed": ep.code_cells_executed}, f)
    if error is not None:
        print(error, file=sys.stderr)
        print(f"execute.py: {reason}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
