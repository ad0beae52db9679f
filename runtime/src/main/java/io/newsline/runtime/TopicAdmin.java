package io.newsline.runtime;

import io.newsline.common.config.Settings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates missing topics and checks that existing ones have the cleanup policy the pipeline relies on. */
public final class TopicAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

  private TopicAdmin() {}

  /** Creates every pipeline topic ({@link Topics#all()}) that does not exist yet; returns the names created. */
  public static List<String> ensureAll(Settings settings) throws InterruptedException, ExecutionException {
    try (Admin admin = Admin.create(KafkaSettings.clientConfig(settings))) {
      return ensure(admin, new Topics(settings).all());
    }
  }

  /** Creates the topics that do not exist yet; returns the names created. */
  public static List<String> ensure(Admin admin, Collection<TopicSpec> specs)
      throws InterruptedException, ExecutionException {
    Set<String> existing = admin.listTopics().names().get();
    int brokers = admin.describeCluster().nodes().get().size();
    List<String> created = new ArrayList<>();
    for (TopicSpec spec : specs) {
      if (existing.contains(spec.name())) {
        checkPolicy(admin, spec);
        continue;
      }
      short rf = (short) Math.min(spec.replicationFactor(), brokers);
      Map<String, String> configs = new java.util.HashMap<>(spec.configs());
      configs.computeIfPresent("min.insync.replicas", (k, v) -> String.valueOf(Math.min(Integer.parseInt(v), rf)));
      try {
        admin.createTopics(List.of(new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.of(rf)).configs(configs)))
            .all().get();
        created.add(spec.name());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    return created;
  }

  private static void checkPolicy(Admin admin, TopicSpec spec) throws InterruptedException, ExecutionException {
    ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
    Config c = admin.describeConfigs(List.of(r)).all().get().get(r);
    String policy = c.get("cleanup.policy") == null ? "delete" : c.get("cleanup.policy").value();
    if (spec.compacted() && !policy.contains("compact")) {
      LOG.warn("topic {} has cleanup.policy={} but newsline expects compact: old states will be deleted by retention", spec.name(), policy);
    }
  }
}
