/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pcslint stub header: scope-based cleanup, in the kernel's shape (a
 * variable with __attribute__((__cleanup__(f)))), somewhat simplified.
 *
 *   struct device_node *np __free(device_node) = of_get_child_by_name(...);
 *	-> a variable cleaned up by __free_device_node(&np)
 *   guard(mutex)(&lock);
 *	-> class_mutex_t __UNIQUE_ID_guardN
 *		__attribute__((__cleanup__(class_mutex_destructor))) =
 *		class_mutex_constructor(&lock);
 *   scoped_guard(mutex, &lock) stmt
 *	-> for (class_mutex_t scope __cleanup(...) = class_mutex_constructor(&lock);
 *		class_mutex_lock_ptr(&scope) || !class_mutex_is_conditional;
 *		({ goto label; }))
 *		if (0) { label: break; } else stmt
 */
#ifndef _PCSLINT_LINUX_CLEANUP_H
#define _PCSLINT_LINUX_CLEANUP_H

#include <linux/compiler.h>
#include <linux/types.h>

/* pointers: DEFINE_FREE(name, type, free-statement using _T) */
#define DEFINE_FREE(_name, _type, _free) \
	static inline void __free_##_name(void *p) { _type _T = *(_type *)p; _free; }

#define __free(_name)	__cleanup(__free_##_name)

#define __get_and_null(p, nullvalue)	\
	({				\
		__auto_type __ptr = &(p);	\
		__auto_type __val = *__ptr;	\
		*__ptr = nullvalue;	\
		__val;			\
	})

static inline __must_check
const volatile void *__must_check_fn(const volatile void *val)
{ return val; }

/* take the pointer out of a __free() variable: it is not freed at scope exit */
#define no_free_ptr(p) \
	((typeof(p)) __must_check_fn(__get_and_null(p, NULL)))

#define return_ptr(p)	return no_free_ptr(p)

/* classes: a constructor, a destructor run at scope exit, a type */
#define DEFINE_CLASS(_name, _type, _exit, _init, ...)			\
typedef _type class_##_name##_t;					\
static inline void class_##_name##_destructor(_type *p)			\
{ _type _T = *p; _exit; }						\
static inline _type class_##_name##_constructor(__VA_ARGS__)		\
{ _type t = _init; return t; }

#define EXTEND_CLASS(_name, ext, _init, ...)				\
typedef class_##_name##_t class_##_name##ext##_t;			\
static inline void class_##_name##ext##_destructor(class_##_name##_t *p)\
{ class_##_name##_destructor(p); }					\
static inline class_##_name##_t class_##_name##ext##_constructor(__VA_ARGS__) \
{ class_##_name##_t t = _init; return t; }

#define CLASS(_name, var)						\
	class_##_name##_t var __cleanup(class_##_name##_destructor) =	\
		class_##_name##_constructor

/* guards: a class holding a lock, released by the destructor */
#define __DEFINE_CLASS_IS_CONDITIONAL(_name, _is_cond)	\
static __maybe_unused const bool class_##_name##_is_conditional = _is_cond

#define DEFINE_GUARD(_name, _type, _lock, _unlock)			\
	__DEFINE_CLASS_IS_CONDITIONAL(_name, false);			\
	DEFINE_CLASS(_name, _type, if (_T) { _unlock; }, ({ _lock; _T; }), _type _T); \
	static inline void *class_##_name##_lock_ptr(class_##_name##_t *_T) \
	{ return (void *)(__force unsigned long)*_T; }

#define DEFINE_GUARD_COND(_name, _ext, _condlock)			\
	__DEFINE_CLASS_IS_CONDITIONAL(_name##_ext, true);		\
	EXTEND_CLASS(_name, _ext,					\
		     ({ void *_t = _T; if (_T && !(_condlock)) _t = NULL; _t; }), \
		     class_##_name##_t _T)				\
	static inline void *class_##_name##_ext##_lock_ptr(class_##_name##_t *_T) \
	{ return class_##_name##_lock_ptr(_T); }

#define guard(_name) \
	CLASS(_name, __UNIQUE_ID(guard))

#define __guard_ptr(_name)	class_##_name##_lock_ptr
#define __is_cond_ptr(_name)	class_##_name##_is_conditional

#define __scoped_guard(_name, _label, ...)				\
	for (CLASS(_name, scope)(__VA_ARGS__);				\
	     __guard_ptr(_name)(&scope) || !__is_cond_ptr(_name);	\
	     ({ goto _label; }))					\
		if (0) {						\
_label:									\
			break;						\
		} else

#define scoped_guard(_name, ...)	\
	__scoped_guard(_name, __UNIQUE_ID(label), __VA_ARGS__)

#define __scoped_cond_guard(_name, _fail, _label, ...)			\
	for (CLASS(_name, scope)(__VA_ARGS__); true; ({ goto _label; }))	\
		if (!__guard_ptr(_name)(&scope)) {			\
			_fail;						\
_label:									\
			break;						\
		} else

#define scoped_cond_guard(_name, _fail, ...)	\
	__scoped_cond_guard(_name, _fail, __UNIQUE_ID(label), __VA_ARGS__)

/* lock guards whose class is a struct: { lock pointer, extra fields } */
#define __DEFINE_UNLOCK_GUARD(_name, _type, _unlock, ...)		\
typedef struct {							\
	_type *lock;							\
	__VA_ARGS__;							\
} class_##_name##_t;							\
									\
static inline void class_##_name##_destructor(class_##_name##_t *_T)	\
{									\
	if (_T->lock) { _unlock; }					\
}									\
									\
static inline void *class_##_name##_lock_ptr(class_##_name##_t *_T)	\
{									\
	return (void *)_T->lock;					\
}

#define __DEFINE_LOCK_GUARD_1(_name, _type, _lock)			\
static inline class_##_name##_t class_##_name##_constructor(_type *l)	\
{									\
	class_##_name##_t _t = { .lock = l }, *_T = &_t;		\
	_lock;								\
	return _t;							\
}

#define __DEFINE_LOCK_GUARD_0(_name, _lock)				\
static inline class_##_name##_t class_##_name##_constructor(void)	\
{									\
	class_##_name##_t _t = { .lock = (void *)1 },			\
			 *_T __maybe_unused = &_t;			\
	_lock;								\
	return _t;							\
}

#define DEFINE_LOCK_GUARD_1(_name, _type, _lock, _unlock, ...)		\
__DEFINE_CLASS_IS_CONDITIONAL(_name, false);				\
__DEFINE_UNLOCK_GUARD(_name, _type, _unlock, __VA_ARGS__)		\
__DEFINE_LOCK_GUARD_1(_name, _type, _lock)

#define DEFINE_LOCK_GUARD_0(_name, _lock, _unlock, ...)			\
__DEFINE_CLASS_IS_CONDITIONAL(_name, false);				\
__DEFINE_UNLOCK_GUARD(_name, void, _unlock, __VA_ARGS__)		\
__DEFINE_LOCK_GUARD_0(_name, _lock)

#define DEFINE_LOCK_GUARD_1_COND(_name, _ext, _condlock)		\
	__DEFINE_CLASS_IS_CONDITIONAL(_name##_ext, true);		\
	EXTEND_CLASS(_name, _ext,					\
		     ({ class_##_name##_t _t = { .lock = l }, *_T = &_t;\
			if (_T->lock && !(_condlock)) _T->lock = NULL;	\
			_t; }),						\
		     typeof_member(class_##_name##_t, lock) l)		\
	static inline void *class_##_name##_ext##_lock_ptr(class_##_name##_t *_T) \
	{ return class_##_name##_lock_ptr(_T); }

#ifndef typeof_member
#define typeof_member(T, m)	typeof(((T *)0)->m)
#endif

#endif /* _PCSLINT_LINUX_CLEANUP_H */
