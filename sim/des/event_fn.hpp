// A move-only `void()` callable with an inline buffer, for event callbacks. std::function would
// allocate for most captures; the kernel creates one of these per event, so the common case (a
// few pointers and ids) must stay allocation-free and trivially relocatable.
#pragma once

#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace sim::des {

class EventFn {
public:
    // 48 bytes of captures plus the ops pointer: with the kernel's sequence number an event
    // record is exactly one cache line.
    static constexpr std::size_t kInlineBytes = 48;
    static constexpr std::size_t kInlineAlign = alignof(void*);

    EventFn() = default;

    template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, EventFn>>>
    EventFn(F&& f) {  // NOLINT(google-explicit-constructor): callables convert implicitly
        emplace(std::forward<F>(f));
    }

    // Builds the callable in this (empty) EventFn: the kernel builds callbacks directly in their
    // event records instead of building them elsewhere and moving them in.
    template <typename F>
    void emplace(F&& f) {
        using Fn = std::decay_t<F>;
        static_assert(std::is_invocable_r_v<void, Fn&>, "an event callback takes no arguments");
        if constexpr (fits_inline<Fn>()) {
            ::new (static_cast<void*>(buf_)) Fn(std::forward<F>(f));
            ops_ = &inline_ops<Fn>;
        } else {
            ::new (static_cast<void*>(buf_)) Fn*(new Fn(std::forward<F>(f)));
            ops_ = &heap_ops<Fn>;
        }
    }

    EventFn(EventFn&& o) noexcept { take(o); }
    EventFn& operator=(EventFn&& o) noexcept {
        if (this != &o) {
            reset();
            take(o);
        }
        return *this;
    }
    EventFn(const EventFn&) = delete;
    EventFn& operator=(const EventFn&) = delete;
    ~EventFn() { reset(); }

    explicit operator bool() const { return ops_ != nullptr; }
    void operator()() { ops_->invoke(buf_); }
    // Runs the callable, then destroys it (also if it throws): how the kernel runs an event. The
    // callable must not reset this EventFn while it runs.
    void run_once() {
        struct Finish {
            EventFn& fn;
            const Ops* ops;
            ~Finish() {
                if (ops->destroy) ops->destroy(fn.buf_);
                fn.ops_ = nullptr;
            }
        } finish{*this, ops_};
        finish.ops->invoke(buf_);
    }

    void reset() {
        if (ops_ && ops_->destroy) ops_->destroy(buf_);
        ops_ = nullptr;
    }

private:
    // A null relocate/destroy means "plain bytes": copy with memcpy, nothing to destroy.
    struct Ops {
        void (*invoke)(void*);
        void (*relocate)(void* dst, void* src);
        void (*destroy)(void*);
    };

    template <typename Fn>
    static constexpr bool fits_inline() {
        return sizeof(Fn) <= kInlineBytes && alignof(Fn) <= kInlineAlign &&
               std::is_nothrow_move_constructible_v<Fn>;
    }

    template <typename Fn>
    static constexpr Ops inline_ops{
        [](void* p) { (*std::launder(static_cast<Fn*>(p)))(); },
        std::is_trivially_copyable_v<Fn> ? nullptr
                                         : +[](void* dst, void* src) {
                                               Fn* from = std::launder(static_cast<Fn*>(src));
                                               ::new (dst) Fn(std::move(*from));
                                               from->~Fn();
                                           },
        std::is_trivially_destructible_v<Fn> ? nullptr
                                             : +[](void* p) { std::launder(static_cast<Fn*>(p))->~Fn(); },
    };

    template <typename Fn>
    static constexpr Ops heap_ops{
        [](void* p) { (**static_cast<Fn**>(p))(); },
        nullptr,  // the buffer holds only the pointer
        [](void* p) { delete *static_cast<Fn**>(p); },
    };

    void take(EventFn& o) noexcept {
        ops_ = o.ops_;
        if (!ops_) return;
        if (ops_->relocate)
            ops_->relocate(buf_, o.buf_);
        else
            std::memcpy(buf_, o.buf_, kInlineBytes);
        o.ops_ = nullptr;
    }

    alignas(kInlineAlign) unsigned char buf_[kInlineBytes];
    const Ops* ops_ = nullptr;
};

}  // namespace sim::des
