# Cython declarations for khabar/core.py (an "augmenting" .pxd: the .py stays plain Python and runs
# uncompiled as well). See that module's docstring.
cimport cython
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ
from libc.string cimport memcmp

ctypedef unsigned char *p_uchar
ctypedef void *p_void
ctypedef unsigned long long u64
ctypedef long long *p_longlong

cdef class Token:
    cdef public object start, end, text, lemma, pos, xpos, feats, surface

    cdef inline void _set(self, object start, object end, object text, object lemma, object pos, object xpos,
                          object feats, object surface)

@cython.locals(tok=Token)
cdef Token _token(object start, object end, object text, object surface)

cdef u64 _FNV_OFFSET, _FNV_PRIME
cdef int _ALL, _MARKED, _TOKENS


@cython.locals(rel_start=Py_ssize_t, rel_end=Py_ssize_t)
cdef void _add_tokens(list out, Py_ssize_t start, str piece, object layout) except *

cdef inline bint _same_chars(str piece, int kind, void *data, Py_ssize_t start, Py_ssize_t size):
    """Are the ``size`` characters of ``piece`` those at ``start`` in a string buffer of ``kind``? (An
    inline C helper of the compiled PieceMemo only: the plain module never calls it.)"""
    cdef int piece_kind = PyUnicode_KIND(piece)
    cdef void *piece_data = PyUnicode_DATA(piece)
    cdef Py_ssize_t k
    if piece_kind == kind:
        return memcmp(piece_data, <char *>data + start * kind, size * kind) == 0
    for k in range(size):
        if PyUnicode_READ(piece_kind, piece_data, k) != PyUnicode_READ(kind, data, start + k):
            return False
    return True


cdef class CharClass:
    cdef public object chars, pattern
    cdef public bytes table

    @cython.locals(i=Py_ssize_t, ch=Py_UCS4, table=p_uchar, kind=int, data=p_void)
    cpdef Py_ssize_t find(self, str text) except -2

    @cython.locals(i=Py_ssize_t, ch=Py_UCS4, out=list, table=p_uchar, other=p_uchar, kind=int, data=p_void)
    cpdef list next_to(self, str text, CharClass near, Py_ssize_t offset)


cdef class WordSet:
    cdef public frozenset words
    cdef public tuple ordered
    cdef public CharClass chars, first
    cdef public Py_ssize_t longest

    @cython.locals(i=Py_ssize_t, n=Py_ssize_t, end=Py_ssize_t, kind=int, data=p_void, limit=Py_ssize_t, longest=Py_ssize_t,
                   size=Py_ssize_t, k=Py_ssize_t, ch=Py_UCS4, sep_char=Py_UCS4, out=list, table=p_uchar,
                   first=p_uchar, ordered=tuple, word=str)
    cpdef list after(self, str text, str sep)


cdef class PieceMemo:
    cdef public object compute, _others, _white
    cdef public CharClass separators
    cdef public Py_ssize_t limit, count
    cdef public dict by_piece
    cdef u64[::1] hashes
    cdef list entries

    @cython.locals(out=list, table=p_uchar, kind=int, data=p_void, n=Py_ssize_t, i=Py_ssize_t, start=Py_ssize_t,
                   ch=Py_UCS4, code=u64, h=u64, entry=tuple)
    cpdef list _scan(self, str text, int mode)

    @cython.locals(mask=u64, slot=u64, size=Py_ssize_t, piece=str, entry=tuple)
    cdef tuple _entry(self, str text, int kind, void *data, Py_ssize_t start, Py_ssize_t end, u64 h)

    @cython.locals(old_entries=list, count=Py_ssize_t, mask=u64, slot=u64, h=u64,
                   i=Py_ssize_t)
    cdef void _grow(self) except *


cpdef list build_tokens(str text, PieceMemo memo)


@cython.locals(out=p_longlong, j=Py_ssize_t, prev=Py_ssize_t, start=Py_ssize_t, end=Py_ssize_t, p=Py_ssize_t,
               k=Py_ssize_t, span=Py_ssize_t, rep=str, buf=bytearray)
cpdef bytearray edit_positions(Py_ssize_t size, list edits, Py_ssize_t new_size)


@cython.locals(bounds=list, spans=list, pos=Py_ssize_t, n=Py_ssize_t, c=Py_ssize_t, end=Py_ssize_t, run=Py_ssize_t,
               stops=Py_ssize_t, start=Py_ssize_t, prev=Py_ssize_t, bound=Py_ssize_t, ch=Py_UCS4, k=Py_ssize_t,
               starts=list)
cpdef list sentence_spans(str text, object abbreviation, object dateline)
