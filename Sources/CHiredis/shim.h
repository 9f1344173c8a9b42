#ifndef BUDGETAI_CHIREDIS_SHIM_H
#define BUDGETAI_CHIREDIS_SHIM_H
#include <hiredis/hiredis.h>
#endif
