// Debian's libopenblas-dev: the CBLAS interface and OpenBLAS's thread control.
#include <cblas.h>
