// A fixed set of worker threads for data-parallel loops (NAS evaluates a generation's candidates
// at once). `parallelFor(count, body)` runs body(index, worker) for every index in [0, count) and
// returns when all are done; `worker` in [0, threadCount()) lets each thread keep its own scratch
// (a planner workspace) without locks. The calling thread works too, so a pool of 1 runs
// everything inline. The first exception a body throws is rethrown from parallelFor after the
// other indices stopped being handed out (Error(Cancelled) from a Progress check unwinds this way).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace mcunet {

class ThreadPool {
public:
    // threads <= 0: one per hardware thread.
    explicit ThreadPool(int threads = 0);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    int threadCount() const { return static_cast<int>(workers_.size()) + 1; }

    void parallelFor(size_t count, const std::function<void(size_t index, int worker)>& body);

private:
    void workerLoop(int worker);
    void runShare(int worker);

    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::condition_variable wake_, done_;
    const std::function<void(size_t, int)>* body_ = nullptr;
    size_t count_ = 0, next_ = 0;
    int busy_ = 0;
    unsigned generation_ = 0;
    bool stopping_ = false;
    std::exception_ptr error_;
};

}  // namespace mcunet
