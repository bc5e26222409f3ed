/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pcslint stub header: simplified min/max (the kernel's add type checks in
 * larger statement expressions).
 */
#ifndef _PCSLINT_LINUX_MINMAX_H
#define _PCSLINT_LINUX_MINMAX_H

#define min(x, y)		((x) < (y) ? (x) : (y))
#define max(x, y)		((x) > (y) ? (x) : (y))
#define min_t(type, x, y)	((type)(x) < (type)(y) ? (type)(x) : (type)(y))
#define max_t(type, x, y)	((type)(x) > (type)(y) ? (type)(x) : (type)(y))
#define clamp(val, lo, hi)	min(max(val, lo), hi)
#define clamp_t(type, val, lo, hi) min_t(type, max_t(type, val, lo), hi)
#define swap(a, b) \
	do { typeof(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)

#endif /* _PCSLINT_LINUX_MINMAX_H */
