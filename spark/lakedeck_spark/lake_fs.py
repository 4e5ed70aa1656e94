"""Listing and peeking at lake files through Hadoop's FileSystem, so file:// and s3:// behave alike.

Spark itself reads the data; this module only answers "which files are there" and "what is the
first line of this file" without starting a Spark job.
"""
import os
import re

from .errors import InputError

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def normalise_uri(uri):
    """Plain absolute paths become file:// URIs; trailing slashes are dropped."""
    if not uri:
        raise InputError("empty lake URI")
    if not _SCHEME.match(uri):
        uri = "file://" + os.path.abspath(uri)
    return uri.rstrip("/")


def join(base, *parts):
    return "/".join([base.rstrip("/")] + [p.strip("/") for p in parts])


class LakeFs:
    def __init__(self, spark):
        self._jvm = spark._jvm
        self._conf = spark._jsc.hadoopConfiguration()

    def _fs(self, path):
        try:
            return path.getFileSystem(self._conf)
        except Exception as exc:  # py4j wraps Hadoop's UnsupportedFileSystemException
            if "No FileSystem for scheme" in str(exc):
                scheme = str(path.toUri().getScheme())
                raise InputError(
                    f"no Hadoop filesystem for '{scheme}://' here: use file:// lake folders "
                    f"locally, s3:// on EMR (EMRFS)") from None
            raise

    def glob(self, pattern):
        """URIs matching a Hadoop glob, sorted; [] when nothing matches or the parent is missing."""
        path = self._jvm.org.apache.hadoop.fs.Path(pattern)
        statuses = self._fs(path).globStatus(path)
        if statuses is None:
            return []
        return sorted(str(s.getPath().toUri()) for s in statuses)

    def exists(self, uri):
        path = self._jvm.org.apache.hadoop.fs.Path(uri)
        return bool(self._fs(path).exists(path))

    def delete(self, uri):
        """Remove a file or folder tree; True if something was removed."""
        path = self._jvm.org.apache.hadoop.fs.Path(uri)
        return bool(self._fs(path).delete(path, True))

    def size(self, uri):
        path = self._jvm.org.apache.hadoop.fs.Path(uri)
        return int(self._fs(path).getFileStatus(path).getLen())

    def first_line(self, uri):
        """First line decoded as UTF-8 (invalid bytes become U+FFFD), or None for an empty file."""
        jvm = self._jvm
        path = jvm.org.apache.hadoop.fs.Path(uri)
        stream = self._fs(path).open(path)
        try:
            reader = jvm.java.io.BufferedReader(jvm.java.io.InputStreamReader(stream, "UTF-8"))
            return reader.readLine()
        finally:
            stream.close()
