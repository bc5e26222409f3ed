/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header */
#ifndef _PCSLINT_LINUX_STRINGIFY_H
#define _PCSLINT_LINUX_STRINGIFY_H

/* the kernel writes these with GNU named variadics (x...) */
#define __stringify_1(...)	#__VA_ARGS__
#define __stringify(...)	__stringify_1(__VA_ARGS__)

#endif /* _PCSLINT_LINUX_STRINGIFY_H */
