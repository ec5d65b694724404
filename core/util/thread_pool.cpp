#include "util/thread_pool.h"

#include <algorithm>

namespace mcunet {

ThreadPool::ThreadPool(int threads) {
    if (threads <= 0) threads = std::max(1u, std::thread::hardware_concurrency());
    for (int i = 1; i < threads; ++i) workers_.emplace_back([this, i] { workerLoop(i); });
}

ThreadPool::~ThreadPool() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& worker : workers_) worker.join();
}

// Takes indices one at a time until none are left (or an error stopped the loop).
void ThreadPool::runShare(int worker) {
    for (;;) {
        size_t index;
        {
            std::lock_guard lock(mutex_);
            if (next_ >= count_ || error_) return;
            index = next_++;
        }
        try {
            (*body_)(index, worker);
        } catch (...) {
            std::lock_guard lock(mutex_);
            if (!error_) error_ = std::current_exception();
            return;
        }
    }
}

void ThreadPool::workerLoop(int worker) {
    unsigned seen = 0;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
            if (stopping_) return;
            seen = generation_;
            ++busy_;
        }
        runShare(worker);
        {
            std::lock_guard lock(mutex_);
            --busy_;
        }
        done_.notify_all();
    }
}

void ThreadPool::parallelFor(size_t count, const std::function<void(size_t, int)>& body) {
    if (count == 0) return;
    {
        std::lock_guard lock(mutex_);
        body_ = &body;
        count_ = count;
        next_ = 0;
        error_ = nullptr;
        ++generation_;
    }
    if (!workers_.empty() && count > 1) wake_.notify_all();
    runShare(0);
    std::exception_ptr error;
    {
        std::unique_lock lock(mutex_);
        done_.wait(lock, [&] { return busy_ == 0 && (next_ >= count_ || error_); });
        // Workers that woke late find nothing left; close the loop so they do not touch `body`.
        count_ = next_ = 0;
        body_ = nullptr;
        error = error_;
        error_ = nullptr;
    }
    if (error) std::rethrow_exception(error);
}

}  // namespace mcunet
