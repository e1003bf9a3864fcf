package org.gradflow.core.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.gradflow.api.component.Component;
import org.gradflow.api.component.ComponentInfo;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.UnknownComponentException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Finds components in the OSGi service registry by kind and name. It keeps no list of its own: every
 * query reads the registry, so a bundle that comes or goes changes the answer at once.
 */
public final class ComponentRegistry implements ComponentSource {
    private static final String ALL_COMPONENTS = "(" + GradflowComponent.NAME_PROPERTY + "=*)";

    /** A component found for a run: the service object and the registration it came from. */
    public record Found<T>(T service, ServiceReference<?> reference, String kind, String name, String bundle) {
    }

    private final BundleContext context;

    public ComponentRegistry(BundleContext context) {
        this.context = context;
    }

    /** {@code Activation} is {@code activation}, {@code GradientClipper} is {@code gradient-clipper}. */
    public static String kindOf(String interfaceName) {
        String simple = interfaceName.substring(interfaceName.lastIndexOf('.') + 1);
        return simple.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    static String kindOf(ServiceReference<?> ref) {
        Object kind = ref.getProperty(GradflowComponent.KIND_PROPERTY);
        if (kind instanceof String && !((String) kind).isEmpty()) {
            return (String) kind;
        }
        String[] classes = (String[]) ref.getProperty(Constants.OBJECTCLASS);
        return kindOf(classes[0]);
    }

    static String bundleOf(ServiceReference<?> ref) {
        return ref.getBundle() == null ? "(uninstalled)"
                : ref.getBundle().getSymbolicName() + " " + ref.getBundle().getVersion();
    }

    static int rankingOf(ServiceReference<?> ref) {
        Object r = ref.getProperty(Constants.SERVICE_RANKING);
        return r instanceof Integer ? (Integer) r : 0;
    }

    private ServiceReference<?>[] references(String className, String filter) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(className, filter);
            return refs == null ? new ServiceReference<?>[0] : refs;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad filter " + filter, e);
        }
    }

    /** Every installed component, sorted by kind then name. Parameters come from the service object. */
    public List<ComponentInfo> components() {
        List<ComponentInfo> out = new ArrayList<>();
        for (ServiceReference<?> ref : references(null, ALL_COMPONENTS)) {
            Object service = context.getService(ref);
            if (service == null) {
                continue; // went away while we looked
            }
            try {
                Object description = ref.getProperty(GradflowComponent.DESCRIPTION_PROPERTY);
                out.add(new ComponentInfo(kindOf(ref), (String) ref.getProperty(GradflowComponent.NAME_PROPERTY),
                        description == null ? "" : description.toString(),
                        service instanceof Component ? ((Component) service).parameters() : List.of(),
                        bundleOf(ref), rankingOf(ref)));
            } finally {
                context.ungetService(ref);
            }
        }
        out.sort(Comparator.comparing(ComponentInfo::kind).thenComparing(ComponentInfo::name)
                .thenComparing(ComponentInfo::ranking, Comparator.reverseOrder()));
        return out;
    }

    /** Every installed component as {@code kind/name}, from the service properties alone. */
    @Override
    public java.util.Set<String> installed() {
        java.util.Set<String> out = new TreeSet<>();
        for (ServiceReference<?> ref : references(null, ALL_COMPONENTS)) {
            out.add(kindOf(ref) + "/" + ref.getProperty(GradflowComponent.NAME_PROPERTY));
        }
        return out;
    }

    /** Installed names of the kind registered under {@code type}, sorted. */
    public List<String> names(Class<?> type) {
        TreeSet<String> names = new TreeSet<>();
        for (ServiceReference<?> ref : references(type.getName(), ALL_COMPONENTS)) {
            names.add((String) ref.getProperty(GradflowComponent.NAME_PROPERTY));
        }
        return List.copyOf(names);
    }

    /**
     * Gets the component of {@code type} named {@code name}; the highest service ranking wins when
     * several bundles provide the same name. The caller must {@link #release} it.
     *
     * @throws UnknownComponentException listing the installed names of that kind
     */
    @Override
    public <T> Found<T> find(Class<T> type, String name) {
        if (name != null && name.matches("[A-Za-z0-9._-]+")) {
            ServiceReference<?>[] refs = references(type.getName(), "(" + GradflowComponent.NAME_PROPERTY + "=" + name + ")");
            Arrays.sort(refs, Comparator.reverseOrder()); // ServiceReference order: ranking, then oldest
            for (ServiceReference<?> ref : refs) {
                Object service = context.getService(ref);
                if (service != null) {
                    return new Found<>(type.cast(service), ref, kindOf(type.getName()), name, bundleOf(ref));
                }
            }
        }
        throw new UnknownComponentException(kindOf(type.getName()), String.valueOf(name), names(type));
    }

    /** The highest-ranked component of {@code type}, or {@code null} when none is installed. */
    @Override
    public <T> Found<T> best(Class<T> type) {
        ServiceReference<?>[] refs = references(type.getName(), ALL_COMPONENTS);
        Arrays.sort(refs, Comparator.reverseOrder());
        for (ServiceReference<?> ref : refs) {
            Object service = context.getService(ref);
            if (service != null) {
                return new Found<>(type.cast(service), ref, kindOf(type.getName()),
                        (String) ref.getProperty(GradflowComponent.NAME_PROPERTY), bundleOf(ref));
            }
        }
        return null;
    }

    /** Releases a component got from {@link #find} or {@link #best}. */
    @Override
    public void release(Found<?> found) {
        if (found.reference() == null) {
            return;
        }
        try {
            context.ungetService(found.reference());
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the bundle or framework is already gone: nothing to release
        }
    }
}
