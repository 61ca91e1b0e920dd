# Cython declarations for khabar/core.py (an "augmenting" .pxd: the .py stays plain Python and runs
# uncompiled as well). See that module's docstring.
cimport cython
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ

ctypedef unsigned char *p_uchar
ctypedef void *p_void

cdef class Token:
    cdef public object start, end, text, lemma, pos, xpos, feats, surface

@cython.locals(tok=Token)
cdef Token _token(object start, object end, object text, object surface)

@cython.locals(out=list, start=Py_ssize_t, size=Py_ssize_t, rel_start=Py_ssize_t, rel_end=Py_ssize_t)
cpdef list build_tokens(list pieces, dict layouts, object compute)

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
