//! [`stage_markers!`]: the one macro both stage sets are written with (the
//! complaint's stages and the follow-up's): a sealed trait, one zero-sized
//! marker type per stage for a typed face, and the same stages as a
//! serializable enum for the stored face.

/// Writes a sealed stage trait, its marker types and the enum of the same
/// stages, with `ALL`, `COUNT`, the stored `name` and `Display`.
macro_rules! stage_markers {
    (
        $(#[$trait_doc:meta])* trait $trait:ident, sealed by $sealed:path;
        $(#[$kind_doc:meta])* enum $kind:ident {
            $($(#[$doc:meta])* $name:ident => $snake:literal,)*
        }
    ) => {
        $(#[$trait_doc])*
        pub trait $trait:
            $sealed
            + Copy
            + Default
            + std::fmt::Debug
            + PartialEq
            + Eq
            + std::hash::Hash
            + Send
            + Sync
            + 'static
        {
            /// The same stage as data.
            const KIND: $kind;
        }

        $(
            $(#[$doc])*
            #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
            pub struct $name;

            impl $sealed for $name {}

            impl $trait for $name {
                const KIND: $kind = $kind::$name;
            }
        )*

        $(#[$kind_doc])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[serde(rename_all = "snake_case")]
        pub enum $kind {
            $($(#[$doc])* $name,)*
        }

        impl $kind {
            /// Every stage, in the order of the procedure.
            pub const ALL: [$kind; stage_markers!(@count $($name)*)] = [$($kind::$name),*];

            /// The number of stages.
            pub const COUNT: usize = stage_markers!(@count $($name)*);

            /// The snake-case name used in the stored format.
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self {
                    $($kind::$name => $snake,)*
                }
            }
        }

        impl std::fmt::Display for $kind {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
    (@count) => { 0 };
    (@count $head:ident $($tail:ident)*) => { 1 + stage_markers!(@count $($tail)*) };
}

pub(crate) use stage_markers;
