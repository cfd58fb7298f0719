/* The Python module's C part (CPython C API): darkreach's commands run in this process, through the
 * same dispatch and option tables as the command line (app/dispatch.c), with their standard output
 * and error captured. python/darkreach/__init__.py builds the arguments from keyword arguments and
 * reads the JSON the command prints, so the numbers are the command line's, bit for bit.
 *
 * _darkreach.run(args) -> (exit_code, stdout_text, stderr_text), args a list of str (without the
 * program name). PLplot, the signal handlers and stdout are process-wide: the GIL is kept during a
 * run, so runs do not overlap; SIGINT and SIGTERM are given back to Python afterwards, and a Ctrl-C (or
 * SIGTERM) during a run stops it cleanly, as on the command line, and raises KeyboardInterrupt; a second
 * one during the same run ends the process, as on the command line. The OpenMP thread count is restored
 * after each run (--threads applies to that run only). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "../app/cli.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#ifdef _OPENMP
#include <omp.h>
#endif

static PyObject *run(PyObject *self, PyObject *args) {
  (void)self;
  PyObject *list;
  if (!PyArg_ParseTuple(args, "O!", &PyList_Type, &list)) return NULL;
  Py_ssize_t n = PyList_Size(list);
  char **argv = calloc((size_t)n + 2, sizeof *argv);
  if (!argv) return PyErr_NoMemory();
  argv[0] = "darkreach";
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject *it = PyList_GetItem(list, i);
    const char *s = PyUnicode_Check(it) ? PyUnicode_AsUTF8(it) : NULL;
    if (!s) {
      free(argv);
      PyErr_SetString(PyExc_TypeError, "darkreach arguments must be str");
      return NULL;
    }
    argv[i + 1] = (char *)s; /* the command line does not write into its arguments */
  }
  char *out = NULL, *err = NULL;
  size_t nout = 0, nerr = 0;
  FILE *fo = open_memstream(&out, &nout), *fe = open_memstream(&err, &nerr);
  if (!fo || !fe) {
    if (fo) fclose(fo), free(out);
    if (fe) fclose(fe), free(err);
    free(argv);
    return PyErr_NoMemory();
  }
  struct sigaction old_int, old_term;
  sigaction(SIGINT, NULL, &old_int);
  sigaction(SIGTERM, NULL, &old_term);
  atomic_store(&cli_stop, 0);
#ifdef _OPENMP
  int threads = omp_get_max_threads(); /* --threads of one run must not stay for the next */
#endif
  fflush(stdout);
  fflush(stderr);
  FILE *so = stdout, *se = stderr;
  stdout = fo, stderr = fe;
  int rc = cli_main((int)n + 1, argv);
  fflush(fo);
  fflush(fe);
  stdout = so, stderr = se;
  sigaction(SIGINT, &old_int, NULL);
  sigaction(SIGTERM, &old_term, NULL);
#ifdef _OPENMP
  omp_set_num_threads(threads);
#endif
  fclose(fo);
  fclose(fe);
  free(argv);
  int stopped = atomic_load(&cli_stop);
  atomic_store(&cli_stop, 0);
  /* text as UTF-8, with U+FFFD for a character a message cut in two (a label cut at its length) */
  PyObject *pout = PyUnicode_DecodeUTF8(out ? out : "", (Py_ssize_t)nout, "replace");
  PyObject *perr = PyUnicode_DecodeUTF8(err ? err : "", (Py_ssize_t)nerr, "replace");
  PyObject *res = pout && perr ? Py_BuildValue("(iOO)", rc, pout, perr) : NULL;
  Py_XDECREF(pout);
  Py_XDECREF(perr);
  free(out);
  free(err);
  if (stopped && res) {
    Py_DECREF(res);
    PyErr_SetNone(PyExc_KeyboardInterrupt);
    return NULL;
  }
  return res;
}

static PyMethodDef methods[] = {
    {"run", run, METH_VARARGS, "run(args) -> (exit_code, stdout, stderr): one darkreach command, in process"},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_darkreach", "darkreach's commands, in process", -1, methods,
                                    NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__darkreach(void) { return PyModule_Create(&module); }
