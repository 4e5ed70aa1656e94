"""A pseudo-terminal for the UI benchmarks: runs a program in a pty of a given size and relays
its input and output, optionally pacing the output to a link speed (as an SSH session over a slow
link delivers it: everything the program writes is queued and arrives at the link's rate).

    pty-relay.py --cols 80 --rows 24 [--bytes-per-second 32000] -- program args...

Input comes from stdin (raw mode when stdin is a terminal, e.g. inside tmux), output goes to stdout.
On exit it prints one JSON line to stderr: bytes relayed and the program's exit status.
"""
import argparse
import fcntl
import json
import os
import pty
import select
import struct
import sys
import termios
import time
import tty


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--cols', type=int, required=True)
    parser.add_argument('--rows', type=int, required=True)
    parser.add_argument('--bytes-per-second', type=float, default=0)
    parser.add_argument('argv', nargs=argparse.REMAINDER)
    args = parser.parse_args()
    argv = args.argv[1:] if args.argv[:1] == ['--'] else args.argv
    pid, master = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', args.rows, args.cols, 0, 0))
        os.execvp(argv[0], argv)
    saved = None
    if os.isatty(0):
        saved = termios.tcgetattr(0)
        tty.setraw(0)
    queue = bytearray()
    sent = 0
    rate = args.bytes_per_second
    link_free_at = 0.0  # when the link has carried everything sent so far
    out = sys.stdout.fileno()
    stdin_open = True
    child_open = True
    try:
        while child_open or queue:
            now = time.monotonic()
            wait = 0.05 if not queue else max(0.0, link_free_at - now)
            readers = ([master] if child_open else []) + ([0] if stdin_open else [])
            ready, _, _ = select.select(readers, [], [], wait)
            if master in ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    chunk = b''
                if chunk:
                    queue += chunk
                else:
                    child_open = False
            if 0 in ready:
                data = os.read(0, 4096)
                if data:
                    os.write(master, data)
                else:
                    stdin_open = False
            now = time.monotonic()
            if queue and now >= link_free_at:
                # Up to 512 bytes at a time; each occupies the link for its length at the rate.
                n = min(len(queue), 512) if rate > 0 else len(queue)
                written = os.write(out, bytes(queue[:n]))
                del queue[:written]
                sent += written
                if rate > 0:
                    link_free_at = max(link_free_at, now) + written / rate
    finally:
        if saved is not None:
            termios.tcsetattr(0, termios.TCSADRAIN, saved)
    _, status = os.waitpid(pid, 0)
    sys.stderr.write(json.dumps({'bytes': sent, 'exit': os.waitstatus_to_exitcode(status)}) + '\n')


if __name__ == '__main__':
    main()
