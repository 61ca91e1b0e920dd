# Cython declarations for khabar/core.py (an "augmenting" .pxd: the .py stays plain Python and runs
# uncompiled as well). See that module's docstring.
cimport cython

ctypedef unsigned char *p_uchar

cdef class Token:
    cdef public object start, end, text, lemma, pos, xpos, feats, surface

@cython.locals(tok=Token)
cdef Token _token(object start, object end, object text, object surface)

@cython.locals(out=list, start=Py_ssize_t, size=Py_ssize_t, rel_start=Py_ssize_t, rel_end=Py_ssize_t)
cpdef list build_tokens(list pieces, object layouts)

cdef class CharClass:
    cdef public object chars, pattern
    cdef public bytes table

    @cython.locals(i=Py_ssize_t, ch=Py_UCS4, table=p_uchar)
    cpdef Py_ssize_t find(self, str text) except -2

    @cython.locals(i=Py_ssize_t, last=Py_ssize_t, ch=Py_UCS4, out=list, table=p_uchar, other=p_uchar)
    cpdef list next_to(self, str text, CharClass near, Py_ssize_t offset)
