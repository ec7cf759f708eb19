"""``gckey-tui serve-ssh``: the console served over SSH (asyncssh), one console process per session on its
own pseudo-terminal.

asyncssh is imported only by :mod:`gckey_tui.ssh.server` and what it imports, never when the console starts.
"""
