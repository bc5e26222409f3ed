/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header */
#ifndef _PCSLINT_LINUX_GFP_H
#define _PCSLINT_LINUX_GFP_H

#include <linux/gfp_types.h>

#include <linux/numa.h>

#endif /* _PCSLINT_LINUX_GFP_H */
