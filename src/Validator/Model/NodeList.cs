using System.Collections;
using System.Collections.Generic;

namespace DaemonLint.Model;

/// <summary>
/// The entries of a mapping or the items of a sequence: a read-only view of the node's array whose <c>foreach</c>
/// enumerator is a struct. The rules walk these lists millions of times per corpus; through
/// <see cref="IReadOnlyList{T}"/> every <c>foreach</c> allocated a boxed enumerator.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct NodeList<T> : IReadOnlyList<T>
{
    private readonly T[] items;

    internal NodeList(T[] items) => this.items = items;

    /// <summary>Gets the number of elements.</summary>
    public int Count => this.items.Length;

    /// <summary>Gets an element.</summary>
    /// <param name="index">The index.</param>
    /// <returns>The element.</returns>
    public T this[int index] => this.items[index];

    /// <summary>Gets an allocation-free enumerator.</summary>
    /// <returns>The enumerator.</returns>
    public Enumerator GetEnumerator() => new(this.items);

    /// <inheritdoc />
    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)this.items).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => this.items.GetEnumerator();

    /// <summary>The struct enumerator of <see cref="NodeList{T}"/>.</summary>
    public struct Enumerator
    {
        private readonly T[] items;
        private int index;

        internal Enumerator(T[] items)
        {
            this.items = items;
            this.index = -1;
        }

        /// <summary>Gets the current element.</summary>
        public readonly T Current => this.items[this.index];

        /// <summary>Moves to the next element.</summary>
        /// <returns>Whether there is one.</returns>
        public bool MoveNext() => ++this.index < this.items.Length;
    }
}
