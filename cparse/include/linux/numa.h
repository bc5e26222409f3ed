/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header */
#ifndef _PCSLINT_LINUX_NUMA_H
#define _PCSLINT_LINUX_NUMA_H

#define NUMA_NO_NODE	(-1)

#endif /* _PCSLINT_LINUX_NUMA_H */
