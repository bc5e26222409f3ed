/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pcslint stub header: annotations and attributes (kbuild force-includes the
 * real compiler_types.h; standalone files get it through linux/types.h).
 */
#ifndef _PCSLINT_LINUX_COMPILER_TYPES_H
#define _PCSLINT_LINUX_COMPILER_TYPES_H

/* sparse annotations: nothing for a compiler */
#define __user
#define __kernel
#define __iomem
#define __percpu
#define __rcu
#define __force
#define __private
#define __bitwise
#define __safe
#define __must_hold(x)
#define __acquires(x)
#define __releases(x)
#define __acquire(x)		(void)0
#define __release(x)		(void)0
#define __cond_lock(x, c)	(c)

/* attributes */
#define __always_inline		inline __attribute__((__always_inline__))
#define noinline		__attribute__((__noinline__))
#define __maybe_unused		__attribute__((__unused__))
#define __always_unused		__attribute__((__unused__))
#define __used			__attribute__((__used__))
#define __must_check		__attribute__((__warn_unused_result__))
#define __cleanup(func)		__attribute__((__cleanup__(func)))
#define __aligned(x)		__attribute__((__aligned__(x)))
#define __packed		__attribute__((__packed__))
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))
#define __scanf(a, b)		__attribute__((__format__(scanf, a, b)))
#define __noreturn		__attribute__((__noreturn__))
#define __weak			__attribute__((__weak__))
#define __section(s)		__attribute__((__section__(s)))
#define __cold			__attribute__((__cold__))
#define __pure			__attribute__((__pure__))
#define __malloc		__attribute__((__malloc__))
#define __alloc_size(...)
#define __counted_by(member)
#define __randomize_layout
#define __designated_init
#define __nonstring
#define notrace
#define fallthrough		__attribute__((__fallthrough__))

#define ___PASTE(a, b)		a##b
#define __PASTE(a, b)		___PASTE(a, b)
#define __UNIQUE_ID(prefix)	__PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)

#define __same_type(a, b)	__builtin_types_compatible_p(typeof(a), typeof(b))

#endif /* _PCSLINT_LINUX_COMPILER_TYPES_H */
