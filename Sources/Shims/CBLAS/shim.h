// Debian's openblas.pc points at the pthread flavour's include directory, whose cblas.h
// also declares openblas_set_num_threads, openblas_get_corename and openblas_get_config.
#include <cblas.h>
