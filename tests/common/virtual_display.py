# SPDX-License-Identifier: LGPL-2.1-or-later
"""A virtual X display (Xvfb) for tests of GTK code, so that they run the
same with or without a screen."""

import os
import shutil
import subprocess


class VirtualDisplay:
    """Xvfb on the first free display number (Xvfb picks it and says it on a
    pipe: no race with another test). ``name`` is the DISPLAY value."""

    def __init__(self, geometry="1024x900x24"):
        if shutil.which("Xvfb") is None:
            raise FileNotFoundError("Xvfb is not installed")
        read_end, write_end = os.pipe()
        self.process = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", geometry,
                                         "-nolisten", "tcp"], pass_fds=(write_end,),
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_end)
        with os.fdopen(read_end) as f:
            number = f.readline().strip()
        if not number:
            self.stop()
            raise RuntimeError("Xvfb did not start")
        self.name = ":" + number

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()
